package dev.abkit.core.event;

import java.time.Instant;

/**
 * One event as the client sent it, not yet validated: what the HTTP adapter hands the core after
 * parsing the JSON, so that the core can name the offending field of a refused request.
 *
 * @param id         the client's idempotency key
 * @param name       the metric name
 * @param at         the client's time of the event; null when it sent none
 * @param value      the event's number; null when it sent none
 * @param properties the {@code properties} object re-serialised as JSON text; null when it sent none
 */
public record EventInput(String id, String name, Instant at, Double value, String properties) {
}
