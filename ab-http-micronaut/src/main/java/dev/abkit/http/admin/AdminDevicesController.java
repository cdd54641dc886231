package dev.abkit.http.admin;

import dev.abkit.core.auth.Permission;
import dev.abkit.http.auth.NeedsPermission;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.port.in.FindDevice;
import dev.abkit.http.problem.NotFoundException;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code GET /api/v1/admin/devices/{deviceToken}}: one device as stored, for QA and support. Reads the
 * database, so it runs on the blocking executor; the admin token is checked by
 * {@link dev.abkit.http.auth.AdminTokenFilter}, whose pattern covers every path under the admin API.
 */
@Controller("/api/v1/admin/devices")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminDevicesController {

    private final FindDevice findDevice;

    public AdminDevicesController(FindDevice findDevice) {
        this.findDevice = findDevice;
    }

    @NeedsPermission(Permission.LOOK_UP_DEVICES)
    @Get(uri = "/{deviceToken}", produces = MediaType.APPLICATION_JSON)
    public DeviceJson get(@PathVariable String deviceToken) {
        return DeviceJson.from(findDevice.find(existingToken(deviceToken)));
    }

    /** A token that cannot be valid names no device that was ever seen: 404, as for any unknown token. */
    private static DeviceToken existingToken(String token) {
        try {
            return DeviceToken.of(token);
        } catch (IllegalArgumentException e) {
            throw NotFoundException.device("no device was ever seen with this token: " + e.getMessage());
        }
    }
}
