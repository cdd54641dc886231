package dev.abkit.persistence;

import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.model.Option;
import dev.abkit.core.model.Weight;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** From rows to domain experiments. Domain types stay in the core; rows stay in this package. */
final class ExperimentMapper {

    private ExperimentMapper() {
    }

    /** The experiments of {@code rows}, in their order, each with its options in position order. */
    static List<Experiment> experimentsOf(List<ExperimentRow> rows, List<OptionRow> optionRows) {
        Map<String, List<Option>> options = new LinkedHashMap<>();
        for (OptionRow option : optionRows) {
            options.computeIfAbsent(option.experimentKey(), key -> new ArrayList<>())
                    .add(new Option(option.optionValue(), new Weight(option.weight())));
        }
        List<Experiment> experiments = new ArrayList<>(rows.size());
        for (ExperimentRow row : rows) {
            experiments.add(new Experiment(
                    ExperimentKey.of(row.experimentKey()),
                    options.getOrDefault(row.experimentKey(), List.of()),
                    ExperimentStatus.valueOf(row.status()),
                    row.createdAt(),
                    row.seed()));
        }
        return experiments;
    }
}
