/**
 * The audit trail (issue 15, decision 19): who changed what, when, with the thing before and after.
 * The use cases make each {@link dev.abkit.core.audit.AuditEntry} and hand it to the storage port with
 * the change, which keeps both in one transaction or neither.
 */
package dev.abkit.core.audit;
