/**
 * Statistics adapter: the /stats page and its JSON twin, both rendered from the core's
 * statistics report.
 */
package dev.abkit.stats;
