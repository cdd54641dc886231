/**
 * Statistics adapter: the /stats page and its JSON twin, both rendered from the core's
 * statistics report, and the filter that guards both with the admin token.
 */
package dev.abkit.stats;
