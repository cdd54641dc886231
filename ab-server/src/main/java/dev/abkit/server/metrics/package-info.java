/**
 * {@code GET /metrics} in Prometheus text format, behind the admin token, and abkit's own meters:
 * registrations, enrolments, answers from memory or storage, refused requests, events stored
 * and sent again.
 */
package dev.abkit.server.metrics;
