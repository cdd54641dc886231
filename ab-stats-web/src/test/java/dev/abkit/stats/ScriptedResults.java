package dev.abkit.stats;

import dev.abkit.core.error.InvalidResultsQueryException;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.port.in.FindExperiments;
import dev.abkit.core.port.in.ReadResults;
import dev.abkit.core.results.AssignmentCounts;
import dev.abkit.core.results.ConversionHistory;
import dev.abkit.core.results.ExperimentResults;
import dev.abkit.core.results.ExperimentTotals;
import dev.abkit.core.results.OptionTotals;
import dev.abkit.core.results.ResultsCalculation;
import dev.abkit.core.results.ResultsQuery;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Results from totals the test sets, computed by the core's own {@link ResultsCalculation} for the experiments
 * the in-memory core really has: the page then shows figures known in advance (25 of 200 devices: 12.5%), and
 * the query the page sent is kept for the test to read. An experiment without totals has no events yet.
 */
final class ScriptedResults implements ReadResults {

    private final FindExperiments experiments;
    private final Map<ExperimentKey, Map<MetricName, Script>> scripts = new ConcurrentHashMap<>();
    private volatile ResultsQuery lastQuery;

    ScriptedResults(FindExperiments experiments) {
        this.experiments = experiments;
    }

    /** The totals of one metric, assignments as many as the totals' devices, and the daily history. */
    void put(String key, String metric, List<OptionTotals> totals, List<ConversionHistory.Day> days) {
        put(key, metric, totals, assigned(totals), days);
    }

    void put(String key, String metric, List<OptionTotals> totals, AssignmentCounts assignments,
             List<ConversionHistory.Day> days) {
        scripts.computeIfAbsent(ExperimentKey.of(key), k -> new ConcurrentHashMap<>())
                .put(MetricName.of(metric), new Script(totals, assignments, days));
    }

    /** A day of the history: per option in order, its devices and conversions so far. */
    static ConversionHistory.Day day(String date, long... devicesAndConversions) {
        List<ConversionHistory.Point> points = new ArrayList<>();
        for (int i = 0; i < devicesAndConversions.length; i += 2) {
            long devices = devicesAndConversions[i];
            long conversions = devicesAndConversions[i + 1];
            points.add(new ConversionHistory.Point(devices, conversions,
                    OptionalDouble.of((double) conversions / devices), OptionalDouble.empty(), OptionalDouble.empty()));
        }
        return new ConversionHistory.Day(LocalDate.parse(date), points);
    }

    ResultsQuery lastQuery() {
        return lastQuery;
    }

    @Override
    public ExperimentResults results(ResultsQuery query) {
        lastQuery = query;
        Experiment experiment = experiments.get(query.experiment());
        List<String> values = experiment.options().stream().map(Option::value).toList();
        if (query.control().isPresent() && !values.contains(query.control().get())) {
            throw new InvalidResultsQueryException("control", "\"" + query.control().get()
                    + "\" is not an option of " + experiment.key() + "; its options are " + values);
        }
        Script script = script(experiment, query.metric());
        return ResultsCalculation.of(new ExperimentTotals(experiment, script.totals(), script.assignments()),
                query.control());
    }

    @Override
    public ConversionHistory history(ExperimentKey key, MetricName metric) {
        Experiment experiment = experiments.get(key);
        return new ConversionHistory(key, metric, experiment.options().stream().map(Option::value).toList(),
                script(experiment, metric).days());
    }

    @Override
    public List<MetricName> metricsOf(ExperimentKey key) {
        experiments.get(key);
        return new ArrayList<>(new TreeMap<>(scripts.getOrDefault(key, Map.of())).keySet());
    }

    private Script script(Experiment experiment, MetricName metric) {
        Script script = scripts.getOrDefault(experiment.key(), Map.of()).get(metric);
        if (script != null) {
            return script;
        }
        List<OptionTotals> nothing = experiment.options().stream().map(option -> new OptionTotals(option.value(), 0, 0))
                .toList();
        return new Script(nothing, assigned(nothing), List.of());
    }

    private static AssignmentCounts assigned(List<OptionTotals> totals) {
        Map<String, Long> assigned = new LinkedHashMap<>();
        totals.forEach(option -> assigned.put(option.value(), option.devices()));
        return AssignmentCounts.of(assigned);
    }

    private record Script(List<OptionTotals> totals, AssignmentCounts assignments, List<ConversionHistory.Day> days) {
    }
}
