package dev.abkit.stats;

import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.Option;
import dev.abkit.core.results.ConversionHistory;
import dev.abkit.core.results.ExperimentResults;
import dev.abkit.core.results.OptionResult;
import dev.abkit.core.results.ResultsQuery;
import dev.abkit.core.results.SampleRatio;
import io.micronaut.core.annotation.Introspected;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the {@code results} template shows of one experiment: the form that picks metric, window, population and
 * control; then either the results (table, sample-ratio check and both charts), or why there are none: no events
 * yet ({@code noEvents}), or a {@code problem} with the request (a 400 or a 404, whose page has no form); and the
 * experiment's {@code changes} from the audit trail, for a viewer who may read it.
 */
@Introspected
public record ResultsPage(String key, String status, String statusClass, String problem, Form form, boolean noEvents,
                         Results results, ChangeHistory changes) {

    static final String STATS_PATH = StatsPageController.PATH;

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** For an instant not on a minute: every digit asked for, so that the summary names the window exactly. */
    private static final DateTimeFormatter FINER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    static String path(String key) {
        return STATS_PATH + "/experiments/" + key + "/results";
    }

    static ResultsPage of(Experiment experiment, Form form, ResultsQuery query, ExperimentResults results,
                          ConversionHistory history) {
        return new ResultsPage(experiment.key().value(), experiment.status().name(), statusClass(experiment), null,
                form, false, Results.of(query, results, history, form.typedMetric() == null), null);
    }

    static ResultsPage noEvents(Experiment experiment, Form form) {
        return new ResultsPage(experiment.key().value(), experiment.status().name(), statusClass(experiment), null,
                form, true, null, null);
    }

    static ResultsPage invalid(Experiment experiment, Form form, String problem) {
        return new ResultsPage(experiment.key().value(), experiment.status().name(), statusClass(experiment), problem,
                form, false, null, null);
    }

    static ResultsPage unknown(String key) {
        return new ResultsPage(key, null, null, "There is no experiment with key \"" + key + "\".", null, false, null,
                null);
    }

    /** This page with the experiment's changes, null when the viewer may not read them. */
    ResultsPage withChanges(ChangeHistory history) {
        return new ResultsPage(key, status, statusClass, problem, form, noEvents, results, history);
    }

    private static String statusClass(Experiment experiment) {
        return experiment.status().name().toLowerCase(Locale.ROOT);
    }

    /**
     * The GET form, filled with what was asked: {@code from} and {@code to} as typed (so a mistake can be fixed in
     * place), the control as a choice; the metric as a choice among {@code metrics}, those with counted events, or,
     * when the one asked is none of them (mistyped, or without events yet), as {@code typedMetric} in a text field,
     * with the others named beside it.
     */
    @Introspected
    public record Form(String action, List<Choice> metrics, String typedMetric, String from, String to, boolean exposed,
                       List<Choice> controls) {

        /**
         * @param metric  the metric shown or asked for, null when there is none
         * @param control the control asked for, null for the default, the experiment's first option
         */
        static Form of(Experiment experiment, List<MetricName> metrics, String metric, String from, String to,
                       String exposed, String control) {
            List<Choice> metricChoices = new ArrayList<>();
            for (MetricName name : metrics) {
                metricChoices.add(new Choice(name.value(), name.value().equals(metric)));
            }
            String typed = metric != null && metrics.stream().noneMatch(name -> name.value().equals(metric))
                    ? metric : null;
            List<Option> options = experiment.options();
            List<Choice> controls = new ArrayList<>();
            for (int i = 0; i < options.size(); i++) {
                String value = options.get(i).value();
                controls.add(new Choice(value, control == null || control.isBlank() ? i == 0 : value.equals(control)));
            }
            return new Form(path(experiment.key().value()), metricChoices, typed, blankAsNull(from), blankAsNull(to),
                    "true".equals(exposed), controls);
        }

        /** Whether the form shows a text field for the metric rather than a list: none to pick, or one typed. */
        public boolean metricTyped() {
            return typedMetric != null || metrics.isEmpty();
        }

        /** The metrics with events, named beside a typed metric; null without any. */
        public String metricsWithEvents() {
            return metrics.isEmpty() ? null : String.join(", ", metrics.stream().map(Choice::value).toList());
        }

        private static String blankAsNull(String text) {
            return text == null || text.isBlank() ? null : text;
        }
    }

    @Introspected
    public record Choice(String value, boolean selected) {
    }

    /**
     * The answer to one query. {@code window} and {@code population} say in words what was counted;
     * {@code valueMetric} whether the mean columns apply; {@code forest} is null with a single option (nothing to
     * compare), {@code history} null before the first assignment.
     */
    @Introspected
    public record Results(String metric, boolean metricHasEvents, String control, String window, String population,
                          boolean valueMetric, List<Row> rows, Ratio sampleRatio, ForestPlot forest,
                          ConversionChart history) {

        /** @param metricHasEvents false for a metric no counted event has: its zeros say so on the page */
        static Results of(ResultsQuery query, ExperimentResults results, ConversionHistory history,
                          boolean metricHasEvents) {
            boolean valueMetric = results.options().stream().anyMatch(option -> option.mean().isPresent());
            return new Results(query.metric().value(), metricHasEvents, results.control(), window(query.from(), query.to()),
                    query.exposed() ? "exposed devices, from their first exposure" : "all assigned devices",
                    valueMetric,
                    results.options().stream().map(option -> Row.of(option, results.control())).toList(),
                    Ratio.of(results.sampleRatio()),
                    results.options().size() > 1 ? ForestPlot.of(results) : null,
                    ConversionChart.of(history));
        }

        private static String window(Optional<Instant> from, Optional<Instant> to) {
            if (from.isEmpty() && to.isEmpty()) {
                return "the experiment's whole life";
            }
            if (to.isEmpty()) {
                return "from " + instant(from.get());
            }
            if (from.isEmpty()) {
                return "before " + instant(to.get());
            }
            return "from " + instant(from.get()) + " to before " + instant(to.get());
        }

        /** To the minute, or to the second or microsecond when it has them ({@code 10:30:45 UTC}, never "10:30"). */
        private static String instant(Instant instant) {
            if (instant.getEpochSecond() % 60 == 0 && instant.getNano() == 0) {
                return MINUTE.format(instant);
            }
            String finer = FINER.format(instant).replaceFirst("\\.?0+$", "");
            return finer + " UTC";
        }
    }

    /**
     * One option's figures for the eye; an interval is null when it is unknown, any other figure then an em dash.
     * Rates and differences of rates are in percent and percentage points, means in the metric's own unit.
     */
    @Introspected
    public record Row(String value, boolean control, String devices, String conversions, String rate,
                      String rateInterval, String mean, String meanInterval, String difference,
                      String differenceInterval, String meanDifference, String meanDifferenceInterval, String lift,
                      String pValue, String pValueAdjusted) {

        static Row of(OptionResult option, String control) {
            return new Row(option.value(), option.value().equals(control), Figures.count(option.devices()),
                    Figures.count(option.conversions()),
                    Figures.percent(option.rate()), Figures.percentInterval(option.rateLow(), option.rateHigh()),
                    Figures.amount(option.mean()), Figures.amountInterval(option.meanLow(), option.meanHigh()),
                    Figures.points(option.difference()),
                    Figures.pointsInterval(option.differenceLow(), option.differenceHigh()),
                    Figures.signedAmount(option.meanDifference()),
                    Figures.signedAmountInterval(option.meanDifferenceLow(), option.meanDifferenceHigh()),
                    Figures.signedPercent(option.lift()), Figures.pValue(option.pValue()),
                    Figures.pValue(option.pValueAdjusted()));
        }
    }

    /**
     * The sample-ratio check. {@code alarm}: the counts are not ones exact allocation can produce (devices lost or
     * counted twice), or the exposed counts mismatch the weights; either way the figures above are not to be
     * trusted until it is explained.
     */
    @Introspected
    public record Ratio(List<RatioRow> rows, boolean withinOneBlock, String chiSquare, String pValue, boolean mismatch) {

        static Ratio of(SampleRatio ratio) {
            List<RatioRow> rows = new ArrayList<>();
            for (Map.Entry<String, Double> expected : ratio.expected().entrySet()) {
                Long observed = ratio.observed().get(expected.getKey());
                rows.add(new RatioRow(expected.getKey(), Figures.expectedCount(expected.getValue()),
                        observed == null ? Figures.NONE : Figures.count(observed)));
            }
            return new Ratio(rows, ratio.withinOneBlock(),
                    ratio.chiSquare().isPresent()
                            ? String.format(Locale.ROOT, "%.2f", ratio.chiSquare().getAsDouble()) : null,
                    ratio.pValue().isPresent() ? Figures.pValue(ratio.pValue()) : null, ratio.mismatch());
        }

        public boolean alarm() {
            return !withinOneBlock || mismatch;
        }
    }

    @Introspected
    public record RatioRow(String value, String expected, String observed) {
    }
}
