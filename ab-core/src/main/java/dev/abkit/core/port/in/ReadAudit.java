package dev.abkit.core.port.in;

import dev.abkit.core.audit.AuditPage;
import dev.abkit.core.audit.AuditQuery;
import dev.abkit.core.auth.Principal;

/**
 * The audit trail, page by page, for an actor whose role holds {@code READ_AUDIT} (admin, analyst), else
 * {@code PermissionDeniedException}. The tokens' entries only for those who may manage tokens. A query of an
 * experiment there is none of is an {@code UnknownExperimentException}, not an empty page.
 */
public interface ReadAudit {

    AuditPage read(Principal actor, AuditQuery query);
}
