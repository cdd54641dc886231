package dev.abkit.bench.workload;

import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.Option;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the answers a library gave over many ids and checks that every experiment is answered
 * and each option got about its weight's share: proof that both sides of a comparison run the same
 * experiments, and that Proctor's matrix is built right rather than sending everyone to one bucket.
 */
public final class WeightShares {

    /** Far beyond chance: one standard deviation of a 5 % share over 65,536 ids is 0.09 points. */
    private static final double TOLERANCE = 0.01;

    private final List<Experiment> experiments;
    private final Map<String, Map<String, Integer>> counts = new HashMap<>();
    private int answers;

    public WeightShares(List<Experiment> experiments) {
        this.experiments = List.copyOf(experiments);
    }

    /** The share of all devices that {@code option}'s weight asks for. */
    public static double shareOf(Experiment experiment, Option option) {
        BigDecimal total = experiment.options().stream()
                .map(each -> each.weight().value())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return option.weight().value().divide(total, MathContext.DECIMAL64).doubleValue();
    }

    public void add(Map<String, String> answer) {
        if (answer.size() != experiments.size()) {
            throw new IllegalStateException("expected an answer for each of " + experiments + ", got " + answer);
        }
        answers++;
        answer.forEach((experiment, value) ->
                counts.computeIfAbsent(experiment, key -> new HashMap<>()).merge(value, 1, Integer::sum));
    }

    /** @throws IllegalStateException naming {@code side} and the first option whose share is off */
    public void requireMatch(String side) {
        for (Experiment experiment : experiments) {
            Map<String, Integer> values = counts.getOrDefault(experiment.key().value(), Map.of());
            for (Option option : experiment.options()) {
                double expected = shareOf(experiment, option);
                double seen = values.getOrDefault(option.value(), 0) / (double) answers;
                if (Math.abs(seen - expected) > TOLERANCE) {
                    throw new IllegalStateException(String.format(
                            "%s: %s=%s answered for %.4f of %d ids, its weight asks for %.4f (all answers: %s)",
                            side, experiment.key(), option.value(), seen, answers, expected, values));
                }
            }
        }
    }
}
