/**
 * Statistics adapter: the /stats page and its JSON twin from the core's statistics report, each
 * experiment's results view with its server-drawn charts, and the filter that guards them all with the admin token.
 */
package dev.abkit.stats;
