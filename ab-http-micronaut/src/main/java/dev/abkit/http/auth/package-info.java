/**
 * The admin API's guard: a filter on its paths that checks the core's admin token. The statistics
 * adapter guards its own paths.
 */
package dev.abkit.http.auth;
