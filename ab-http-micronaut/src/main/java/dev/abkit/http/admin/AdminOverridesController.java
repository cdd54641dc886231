package dev.abkit.http.admin;

import dev.abkit.core.auth.Permission;
import dev.abkit.core.auth.Principal;
import dev.abkit.http.auth.AdminTokenFilter;
import dev.abkit.http.auth.NeedsPermission;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.in.OverrideDevices;
import dev.abkit.http.problem.InvalidInputException;
import dev.abkit.http.problem.NotFoundException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;

/**
 * {@code /api/v1/admin/experiments/{key}/overrides}: QA overrides (R9), put, listed and deleted. Every
 * call reaches the database, so they run on the blocking executor; the token is checked by
 * {@link AdminTokenFilter}, and a change passes its principal on to the use case for the audit trail.
 */
@Controller("/api/v1/admin/experiments/{key}/overrides")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminOverridesController {

    private final OverrideDevices overrides;

    public AdminOverridesController(OverrideDevices overrides) {
        this.overrides = overrides;
    }

    @NeedsPermission(Permission.OVERRIDE_DEVICES)
    @Get(produces = MediaType.APPLICATION_JSON)
    public List<OverrideJson> list(@PathVariable String key) {
        return overrides.overridesOf(AdminExperimentsController.existingKey(key)).stream()
                .map(OverrideJson::from).toList();
    }

    @NeedsPermission(Permission.OVERRIDE_DEVICES)
    @Put(uri = "/{deviceToken}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public OverrideJson put(@RequestAttribute(AdminTokenFilter.PRINCIPAL) Principal actor, @PathVariable String key,
                            @PathVariable String deviceToken, @Body OverrideValueJson body) {
        ExperimentKey experiment = AdminExperimentsController.existingKey(key);
        DeviceToken device;
        try {
            device = DeviceToken.of(deviceToken);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("deviceToken", e.getMessage());
        }
        if (body.value() == null) {
            throw new InvalidInputException("value", "is required: the option value to serve this device");
        }
        return OverrideJson.from(overrides.put(actor, experiment, device, body.value()));
    }

    @NeedsPermission(Permission.OVERRIDE_DEVICES)
    @Delete(uri = "/{deviceToken}")
    public HttpResponse<Void> delete(@RequestAttribute(AdminTokenFilter.PRINCIPAL) Principal actor,
                                    @PathVariable String key, @PathVariable String deviceToken) {
        ExperimentKey experiment = AdminExperimentsController.existingKey(key);
        DeviceToken device;
        try {
            device = DeviceToken.of(deviceToken);
        } catch (IllegalArgumentException e) {
            throw NotFoundException.override("no device with this token can have an override: " + e.getMessage());
        }
        overrides.remove(actor, experiment, device);
        return HttpResponse.noContent();
    }
}
