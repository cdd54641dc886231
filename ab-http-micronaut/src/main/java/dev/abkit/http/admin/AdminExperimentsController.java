package dev.abkit.http.admin;

import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.in.CreateExperiment;
import dev.abkit.core.port.in.FindExperiments;
import dev.abkit.core.port.in.StopExperiment;
import dev.abkit.http.problem.NotFoundException;
import dev.abkit.http.problem.Problem;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.net.URI;
import java.util.List;

/**
 * {@code /api/v1/admin/experiments}: create, list, read and stop experiments. Every call reaches the
 * database, so they run on the blocking executor. The admin token is checked by
 * {@link dev.abkit.http.auth.AdminTokenFilter} before a request gets here.
 */
@Controller("/api/v1/admin/experiments")
@ExecuteOn(TaskExecutors.BLOCKING)
@SecurityRequirement(name = "adminToken")
@ApiResponse(responseCode = "401", description = "no or a wrong admin token",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "503", description = "storage unavailable",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
public class AdminExperimentsController {

    static final String PATH = "/api/v1/admin/experiments";

    private final CreateExperiment createExperiment;
    private final FindExperiments findExperiments;
    private final StopExperiment stopExperiment;

    public AdminExperimentsController(CreateExperiment createExperiment, FindExperiments findExperiments,
                                      StopExperiment stopExperiment) {
        this.createExperiment = createExperiment;
        this.findExperiments = findExperiments;
        this.stopExperiment = stopExperiment;
    }

    @Operation(summary = "Start a new experiment", description = "Devices registered from now on take part in it.")
    @ApiResponse(responseCode = "201", description = "created; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExperimentJson.class)))
    @ApiResponse(responseCode = "400", description = "invalid or malformed body; the problem's field names what to fix",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "the key was used before",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "413", description = "body over 64 KiB",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<ExperimentJson> create(@Body NewExperimentJson body) {
        Experiment created = createExperiment.create(body.toDomain());
        return HttpResponse.created(ExperimentJson.from(created), URI.create(PATH + "/" + created.key().value()));
    }

    @Operation(summary = "Every experiment, running and stopped, in creation order")
    @Get(produces = MediaType.APPLICATION_JSON)
    public List<ExperimentJson> list() {
        return findExperiments.all().stream().map(ExperimentJson::from).toList();
    }

    @Operation(summary = "One experiment")
    @ApiResponse(responseCode = "200", description = "the experiment")
    @ApiResponse(responseCode = "404", description = "no experiment has this key",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
    @Get(uri = "/{key}", produces = MediaType.APPLICATION_JSON)
    public ExperimentJson get(@PathVariable String key) {
        return ExperimentJson.from(findExperiments.get(existingKey(key)));
    }

    @Operation(summary = "Stop an experiment",
            description = "Its key disappears from every device's answer; nothing else changes. Final and idempotent.")
    @ApiResponse(responseCode = "200", description = "the experiment, status STOPPED")
    @ApiResponse(responseCode = "404", description = "no experiment has this key",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
    @Post(uri = "/{key}/stop", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public ExperimentJson stop(@PathVariable String key) {
        return ExperimentJson.from(stopExperiment.stop(existingKey(key)));
    }

    /** A key that cannot be valid names no experiment: 404, as for any unknown key. */
    private static ExperimentKey existingKey(String key) {
        try {
            return ExperimentKey.of(key);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("there is no experiment with this key: " + e.getMessage());
        }
    }
}
