package dev.abkit.http.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.abkit.core.audit.AuditPage;
import dev.abkit.core.audit.AuditRecord;
import dev.abkit.core.audit.Snapshot;
import dev.abkit.core.model.ExperimentKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * A page of the audit trail as {@code GET /api/v1/admin/audit} shows it: the entries in the trail's order and
 * {@code next}, the position to ask for after, null on the last page. Every member of an entry is present,
 * null when it does not apply (a token's entry names no experiment, a creation has no {@code before}).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditPageJson(List<Entry> entries, @Nullable Long next) {

    static AuditPageJson from(AuditPage page) {
        return new AuditPageJson(page.entries().stream().map(Entry::from).toList(),
                page.next().isPresent() ? page.next().getAsLong() : null);
    }

    /**
     * One entry as issue 15 pins it, with its {@code position} in the trail. {@code before} and {@code after}
     * are the core's snapshots as they are (decision 19: what a snapshot holds is the domain's decision).
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Entry(long position, String at, Actor actor, String action, @Nullable String experiment,
                        @Nullable Map<String, Object> before, @Nullable Map<String, Object> after) {

        static Entry from(AuditRecord record) {
            var entry = record.entry();
            return new Entry(record.position(), entry.at().toString(),
                    new Actor(entry.actor().name(), entry.actor().role()), entry.action().wireName(),
                    entry.experiment().map(ExperimentKey::value).orElse(null),
                    entry.before().map(Snapshot::members).orElse(null), entry.after().map(Snapshot::members).orElse(null));
        }
    }

    /** Who made the change: a token's name and role, or {@code scheduler}/{@code system} for a schedule. */
    @Serdeable
    public record Actor(String name, String role) {
    }
}
