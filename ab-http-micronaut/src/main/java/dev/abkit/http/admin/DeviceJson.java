package dev.abkit.http.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.abkit.core.model.DeviceAttributes;
import dev.abkit.core.port.in.DeviceReport;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A device as the admin API shows it. */
@Serdeable
public record DeviceJson(String token, String firstSeen, AttributesJson attributes, List<AssignmentJson> assignments) {

    static DeviceJson from(DeviceReport report) {
        return new DeviceJson(report.token().value(), report.firstSeen().toString(),
                AttributesJson.from(report.attributes()),
                report.assignments().stream().map(AssignmentJson::from).toList());
    }

    /** What the device said at its first request; {@code null} for each header it did not send. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AttributesJson(@Nullable String platform, @Nullable String appVersion, @Nullable String locale) {

        static AttributesJson from(DeviceAttributes attributes) {
            return new AttributesJson(
                    attributes.platform() == null ? null : attributes.platform().text(),
                    attributes.appVersion() == null ? null : attributes.appVersion().value(),
                    attributes.locale() == null ? null : attributes.locale().value());
        }
    }

    /**
     * One experiment the device is served, holds a value in or was left out of: its value, the
     * experiment's status, the device's slot ({@code null} when it holds none: overridden in an
     * experiment it never joined), whether a QA override decides the value, and whether the experiment's coverage left the device out
     * (R7): then {@code value} is {@code null}, unless an override gives it one.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AssignmentJson(String experiment, @Nullable String value, String status, @Nullable Long slot,
                                 boolean override, boolean leftOut) {

        static AssignmentJson from(DeviceReport.AssignmentFigures figures) {
            return new AssignmentJson(figures.experiment().value(), figures.value(), figures.status().name(),
                    figures.slot(), figures.override(), figures.leftOut());
        }
    }
}
