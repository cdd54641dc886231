package dev.abkit.core.port.in;

import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.results.ConversionHistory;
import dev.abkit.core.results.ExperimentResults;
import dev.abkit.core.results.ResultsQuery;

import java.util.List;

/** Which option wins: an experiment's results for one metric (issue 14), for analysts. */
public interface ReadResults {

    /**
     * @throws dev.abkit.core.error.UnknownExperimentException    if there is no experiment with this key
     * @throws dev.abkit.core.error.InvalidResultsQueryException naming {@code control} when it is not an option,
     *                                                           or {@code from} when the window (or an exposed
     *                                                           query) reaches before the events still kept
     */
    ExperimentResults results(ResultsQuery query);

    /**
     * The cumulative conversion per option at the end of each UTC day, from the experiment's first assignment
     * until today: the daily chart of the results view. Whole life, all devices but overridden ones.
     *
     * @throws dev.abkit.core.error.UnknownExperimentException if there is no experiment with this key
     */
    ConversionHistory history(ExperimentKey experiment, MetricName metric);

    /**
     * The metrics with counted events for the experiment's devices, by name: what an analyst can pick.
     *
     * @throws dev.abkit.core.error.UnknownExperimentException if there is no experiment with this key
     */
    List<MetricName> metricsOf(ExperimentKey experiment);
}
