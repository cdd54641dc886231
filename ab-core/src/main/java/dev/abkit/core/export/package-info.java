/**
 * Exports by period (issue 15): the half-open {@link dev.abkit.core.export.Period}, the UTC month, and the rows
 * of the assignment, history and event exports. The rules of which rows an export has live here and in the
 * export service; adapters only stream what the store holds.
 */
package dev.abkit.core.export;
