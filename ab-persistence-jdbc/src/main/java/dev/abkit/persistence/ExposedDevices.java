package dev.abkit.persistence;

import dev.abkit.core.model.Assignment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The exposed devices per option: {@code exposed_count} (V15), and by the UTC day their counting starts (the later
 * of first_seen and the first exposure) {@code exposed_day_count} (V18), which counts those exposed before a
 * window's end at a midnight. Rows change in one order (experiment, day, option), as the other counters'.
 */
final class ExposedDevices {

    /** A device's counting start in the experiment of {@code assignment}: newly at {@code to}, or moved there earlier. */
    record Move(Assignment assignment, Optional<LocalDate> from, LocalDate to) {
    }

    private record DayDelta(Assignment assignment, LocalDate day, long devices) {
    }

    private static final Comparator<Assignment> BY_KEY = Comparator.comparing(Assignment::experiment);

    private ExposedDevices() {
    }

    static void add(Script script, DatabaseKind kind, List<Move> moves, int stripe) {
        List<Assignment> newlyExposed = new ArrayList<>();
        List<DayDelta> days = new ArrayList<>();
        for (Move move : moves) {
            if (move.from().isEmpty()) {
                newlyExposed.add(move.assignment());
            } else if (move.from().get().equals(move.to())) {
                continue;
            } else {
                days.add(new DayDelta(move.assignment(), move.from().get(), -1));
            }
            days.add(new DayDelta(move.assignment(), move.to(), 1));
        }
        newlyExposed.sort(BY_KEY);
        days.sort(Comparator.comparing(DayDelta::assignment, BY_KEY).thenComparing(DayDelta::day)
                .thenComparing(delta -> delta.assignment().value()));
        for (Assignment option : newlyExposed) {
            add(script, kind, "exposed_count", "", List.of(), option, stripe, 1);
        }
        for (DayDelta delta : days) {
            add(script, kind, "exposed_day_count", ", start_day", List.of(delta.day()), delta.assignment(), stripe,
                    delta.devices());
        }
    }

    /** One row's change; PostgreSQL upserts it, H2 creates the row empty and then updates it. */
    private static void add(Script script, DatabaseKind kind, String table, String dayColumn, List<Object> day,
                            Assignment option, int stripe, long devices) {
        List<Object> key = new ArrayList<>(List.of(option.experiment().value()));
        key.addAll(day);
        Collections.addAll(key, option.value(), stripe);
        String columns = "experiment_key" + dayColumn + ", option_value, stripe";
        String values = String.join(", ", Collections.nCopies(key.size(), "?"));
        if (kind == DatabaseKind.POSTGRESQL) {
            List<Object> parameters = new ArrayList<>(key);
            parameters.add(devices);
            script.write("insert into " + table + " as c (" + columns + ", devices) values (" + values + ", ?)"
                    + " on conflict (" + columns + ") do update set devices = c.devices + excluded.devices",
                    parameters.toArray());
            return;
        }
        script.write("insert into " + table + " (" + columns + ", devices) values (" + values + ", 0)"
                + " on conflict do nothing", key.toArray());
        List<Object> parameters = new ArrayList<>(List.of(devices));
        parameters.addAll(key);
        script.write("update " + table + " set devices = devices + ? where "
                + String.join(" and ", columns.split(", ")).replace(" and", " = ? and") + " = ?", parameters.toArray());
    }
}
