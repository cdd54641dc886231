package dev.abkit.core.service;

import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small number for every experiment this instance has seen, so that a remembered device is a few
 * bytes: experiment 3, option 1. An experiment's options never change (R1), so a number, once given,
 * stands for the same assignments for ever; each of them exists once, shared by every answer.
 * Numbers are given rarely (when experiments are created) and read on every request: the table is
 * copied on write and read without a lock.
 */
final class ExperimentCodes {

    /** Codes fit in two bytes of a remembered device; beyond that, devices are simply not remembered. */
    static final int MAX_CODES = 1 << 16;

    private final Map<ExperimentKey, Integer> codes = new ConcurrentHashMap<>();
    private volatile Assignment[][] assignments = new Assignment[0][];

    /** @return the experiment's code, given now if it had none; -1 if no code is left */
    synchronized int codeOf(Experiment experiment) {
        Integer known = codes.get(experiment.key());
        if (known != null) {
            return known;
        }
        Assignment[][] table = assignments;
        if (table.length == MAX_CODES) {
            return -1;
        }
        List<Option> options = experiment.options();
        Assignment[] ofThis = new Assignment[options.size()];
        for (int option = 0; option < ofThis.length; option++) {
            ofThis[option] = new Assignment(experiment.key(), options.get(option).value());
        }
        Assignment[][] grown = Arrays.copyOf(table, table.length + 1);
        grown[table.length] = ofThis;
        assignments = grown;
        codes.put(experiment.key(), table.length);
        return table.length;
    }

    /** @return the code given to this experiment, or -1 if none was */
    int knownCodeOf(ExperimentKey experiment) {
        Integer code = codes.get(experiment);
        return code == null ? -1 : code;
    }

    /** @return the position of {@code value} among the coded experiment's options, or -1 */
    int optionOf(int code, String value) {
        Assignment[] ofThis = assignments[code];
        for (int option = 0; option < ofThis.length; option++) {
            if (ofThis[option].value().equals(value)) {
                return option;
            }
        }
        return -1;
    }

    Assignment assignment(int code, int option) {
        return assignments[code][option];
    }
}
