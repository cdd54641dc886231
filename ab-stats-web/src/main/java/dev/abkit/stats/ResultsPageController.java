package dev.abkit.stats;

import dev.abkit.core.auth.Principal;
import dev.abkit.core.error.InvalidResultsQueryException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.in.FindExperiments;
import dev.abkit.core.port.in.ReadAudit;
import dev.abkit.core.port.in.ReadResults;
import dev.abkit.core.results.ResultsQuery;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.View;

import java.util.List;
import java.util.Optional;

/**
 * {@code GET /stats/experiments/{key}/results}: which option wins, for analysts, rendered on the server. A
 * request the results cannot answer gets the page anyway, with the reason on it: 400 for a parameter to fix,
 * 404 for an experiment that does not exist; never a stack trace, and never a JSON problem a person would
 * have to read in a browser. Below the results, the experiment's changes from the audit trail, for a viewer whose
 * role may read it.
 */
@Controller(StatsPageController.PATH + "/experiments/{key}/results")
public class ResultsPageController {

    /** As the statistics page's, but the form may submit to this same page. */
    static final String CONTENT_SECURITY_POLICY = StatsPageController.CONTENT_SECURITY_POLICY
            .replace("form-action 'none'", "form-action 'self'");

    private final ReadResults results;
    private final FindExperiments experiments;
    private final ReadAudit audit;

    public ResultsPageController(ReadResults results, FindExperiments experiments, ReadAudit audit) {
        this.results = results;
        this.experiments = experiments;
        this.audit = audit;
    }

    /** Reads results from storage, hence off the event loop. */
    @Get(produces = StatsPageController.HTML_UTF8)
    @View("results")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @SuppressWarnings("java:S107") // the viewer, the path and one argument per query parameter of the form
    public HttpResponse<ResultsPage> page(@RequestAttribute(StatsTokenFilter.PRINCIPAL) Principal viewer,
                                          @PathVariable String key, @Nullable @QueryValue String metric,
                                          @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                          @Nullable @QueryValue String exposed, @Nullable @QueryValue String control) {
        Experiment experiment;
        try {
            experiment = experiments.get(ExperimentKey.of(key));
        } catch (IllegalArgumentException | UnknownExperimentException unknown) {
            return answer(HttpStatus.NOT_FOUND, ResultsPage.unknown(key));
        }
        ChangeHistory changes = ChangeHistory.read(audit, viewer, experiment.key());
        List<MetricName> metrics = results.metricsOf(experiment.key());
        try {
            ResultsParameters parameters = ResultsParameters.parse(metric, from, to, exposed, control);
            Optional<MetricName> chosen = parameters.metric().or(() -> metrics.stream().findFirst());
            ResultsPage.Form form = ResultsPage.Form.of(experiment, metrics, chosen.map(MetricName::value).orElse(null),
                    from, to, exposed, control);
            if (chosen.isEmpty()) {
                return answer(HttpStatus.OK, ResultsPage.noEvents(experiment, form).withChanges(changes));
            }
            ResultsQuery query = parameters.query(experiment.key(), chosen.get());
            return answer(HttpStatus.OK, ResultsPage.of(experiment, form, query, results.results(query),
                    results.history(experiment.key(), chosen.get())).withChanges(changes));
        } catch (InvalidResultsQueryException invalid) {
            return answer(HttpStatus.BAD_REQUEST, ResultsPage.invalid(experiment,
                    ResultsPage.Form.of(experiment, metrics, metric, from, to, exposed, control), invalid.getMessage())
                    .withChanges(changes));
        }
    }

    private static HttpResponse<ResultsPage> answer(HttpStatus status, ResultsPage page) {
        return HttpResponse.<ResultsPage>status(status).body(page)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff");
    }
}
