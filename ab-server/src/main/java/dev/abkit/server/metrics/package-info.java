/**
 * {@code GET /metrics} in Prometheus text format, behind the admin token, and abkit's own meters:
 * registrations, enrolments, answers from memory or storage, refused requests.
 */
package dev.abkit.server.metrics;
