package dev.abkit.console;

import io.micronaut.core.annotation.Introspected;

import java.util.List;

/**
 * The device lookup: a field for a device token and, once one is found, what the admin API's
 * {@code GET /api/v1/admin/devices/{token}} shows of it.
 *
 * @param token  the token field, with why it names no device (format, never seen), if so
 * @param device the device found, or null
 */
@Introspected
public record DevicePage(Frame frame, Field token, Device device) {

    /** What the device said at its first request: each attribute "not sent" where it said nothing. */
    @Introspected
    public record Device(String token, String firstSeen, String platform, String appVersion, String locale,
                         List<Assignment> assignments) {
    }

    /**
     * One experiment the device holds a value in, is served by override, or was left out of.
     *
     * @param path     the experiment's page, or its overrides page for a role that may not read experiments; null
     *                 where the role may open neither
     * @param value    its value, or null where the experiment's coverage left it out and no override serves it
     * @param slot     the slot it took, or null where it took none (an override in an experiment it never joined)
     */
    @Introspected
    public record Assignment(String experiment, String path, String value, String status, String statusClass,
                             String slot, boolean override, boolean leftOut) {
    }
}
