package dev.abkit.http.admin;

import dev.abkit.core.auth.Permission;
import dev.abkit.core.auth.Principal;
import dev.abkit.http.auth.AdminTokenFilter;
import dev.abkit.http.auth.NeedsPermission;
import dev.abkit.http.json.Instants;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.in.CloseExperiment;
import dev.abkit.core.port.in.CreateExperiment;
import dev.abkit.core.port.in.EditExperiment;
import dev.abkit.core.port.in.ScheduleExperiment;
import dev.abkit.core.port.in.StartExperiment;
import dev.abkit.core.port.in.FindExperiments;
import dev.abkit.core.port.in.StopExperiment;
import dev.abkit.http.problem.NotFoundException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URI;
import java.util.List;

/**
 * {@code /api/v1/admin/experiments}: create, list, read and edit experiments, and move them through
 * their lifecycle (start, schedule, close, stop). Every call reaches the
 * database, so they run on the blocking executor. The token is checked by {@link AdminTokenFilter} before a
 * request gets here; each change passes its principal on to the use case, which names it in the audit trail.
 */
@Controller("/api/v1/admin/experiments")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminExperimentsController {

    static final String PATH = "/api/v1/admin/experiments";

    private final CreateExperiment createExperiment;
    private final FindExperiments findExperiments;
    private final StopExperiment stopExperiment;
    private final StartExperiment startExperiment;
    private final ScheduleExperiment scheduleExperiment;
    private final CloseExperiment closeExperiment;
    private final EditExperiment editExperiment;

    @SuppressWarnings("java:S107") // one use case per call, as the controller's contract says
    public AdminExperimentsController(CreateExperiment createExperiment, FindExperiments findExperiments,
                                      StopExperiment stopExperiment, StartExperiment startExperiment,
                                      ScheduleExperiment scheduleExperiment, CloseExperiment closeExperiment,
                                      EditExperiment editExperiment) {
        this.createExperiment = createExperiment;
        this.findExperiments = findExperiments;
        this.stopExperiment = stopExperiment;
        this.startExperiment = startExperiment;
        this.scheduleExperiment = scheduleExperiment;
        this.closeExperiment = closeExperiment;
        this.editExperiment = editExperiment;
    }

    @NeedsPermission(Permission.CHANGE_EXPERIMENTS)
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<ExperimentJson> create(@RequestAttribute(AdminTokenFilter.PRINCIPAL) Principal actor,
                                               @Body NewExperimentJson body) {
        Experiment created = createExperiment.create(actor, body.toDomain());
        return HttpResponse.created(ExperimentJson.from(created), URI.create(PATH + "/" + created.key().value()));
    }

    @NeedsPermission(Permission.READ_EXPERIMENTS)
    @Get(produces = MediaType.APPLICATION_JSON)
    public List<ExperimentJson> list() {
        return findExperiments.all().stream().map(ExperimentJson::from).toList();
    }

    @NeedsPermission(Permission.READ_EXPERIMENTS)
    @Get(uri = "/{key}", produces = MediaType.APPLICATION_JSON)
    public ExperimentJson get(@PathVariable String key) {
        return ExperimentJson.from(findExperiments.get(existingKey(key)));
    }

    @NeedsPermission(Permission.CHANGE_EXPERIMENTS)
    @Patch(uri = "/{key}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public ExperimentJson edit(@RequestAttribute(AdminTokenFilter.PRINCIPAL) Principal actor, @PathVariable String key,
                               @Body ExperimentPatchJson body) {
        ExperimentKey existing = existingKey(key);
        return ExperimentJson.from(editExperiment.edit(actor, existing, body.toDomain()));
    }

    @NeedsPermission(Permission.CHANGE_EXPERIMENTS)
    @Post(uri = "/{key}/start", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public ExperimentJson start(@RequestAttribute(AdminTokenFilter.PRINCIPAL) Principal actor,
                                @PathVariable String key) {
        return ExperimentJson.from(startExperiment.start(actor, existingKey(key)));
    }

    @NeedsPermission(Permission.CHANGE_EXPERIMENTS)
    @Post(uri = "/{key}/schedule", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public ExperimentJson schedule(@RequestAttribute(AdminTokenFilter.PRINCIPAL) Principal actor,
                                   @PathVariable String key, @Body ScheduleJson body) {
        ExperimentKey existing = existingKey(key);
        return ExperimentJson.from(scheduleExperiment.schedule(actor, existing,
                Instants.parse("startAt", body.startAt()), Instants.parse("endAt", body.endAt())));
    }

    @NeedsPermission(Permission.CHANGE_EXPERIMENTS)
    @Post(uri = "/{key}/close", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public ExperimentJson close(@RequestAttribute(AdminTokenFilter.PRINCIPAL) Principal actor,
                                @PathVariable String key) {
        return ExperimentJson.from(closeExperiment.close(actor, existingKey(key)));
    }

    @NeedsPermission(Permission.CHANGE_EXPERIMENTS)
    @Post(uri = "/{key}/stop", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public ExperimentJson stop(@RequestAttribute(AdminTokenFilter.PRINCIPAL) Principal actor,
                               @PathVariable String key) {
        return ExperimentJson.from(stopExperiment.stop(actor, existingKey(key)));
    }

    /** A key that cannot be valid names no experiment: 404, as for any unknown key. */
    static ExperimentKey existingKey(String key) {
        try {
            return ExperimentKey.of(key);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("there is no experiment with this key: " + e.getMessage());
        }
    }
}
