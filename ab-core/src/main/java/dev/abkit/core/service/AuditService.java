package dev.abkit.core.service;

import dev.abkit.core.audit.AuditPage;
import dev.abkit.core.audit.AuditQuery;
import dev.abkit.core.audit.AuditRecord;
import dev.abkit.core.auth.Permission;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.port.in.ReadAudit;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.port.out.AuditLog;
import dev.abkit.core.port.out.Experiments;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Reads the audit trail a page at a time. It reads one entry beyond the page to know whether another
 * follows, so that the last page has no {@code next}; the tokens' entries are left out for a reader who
 * may not manage tokens (an analyst sees who changed which experiment, not who holds which token).
 */
public final class AuditService implements ReadAudit {

    private final AuditLog log;
    private final Experiments experiments;

    public AuditService(AuditLog log, Experiments experiments) {
        this.log = Objects.requireNonNull(log, "log");
        this.experiments = Objects.requireNonNull(experiments, "experiments");
    }

    /** @throws UnknownExperimentException if the query names an experiment there is none of (rather than an empty page) */
    @Override
    public AuditPage read(Principal actor, AuditQuery query) {
        actor.require(Permission.READ_AUDIT);
        query.experiment().filter(key -> experiments.find(key).isEmpty()).ifPresent(key -> {
            throw new UnknownExperimentException(key);
        });
        AuditQuery allowed = actor.may(Permission.MANAGE_TOKENS) ? query : query.withoutTokens();
        List<AuditRecord> read = log.read(allowed, allowed.limit() + 1);
        if (read.size() <= allowed.limit()) {
            return new AuditPage(read, OptionalLong.empty());
        }
        List<AuditRecord> page = read.subList(0, allowed.limit());
        return new AuditPage(page, OptionalLong.of(page.get(page.size() - 1).position()));
    }
}
