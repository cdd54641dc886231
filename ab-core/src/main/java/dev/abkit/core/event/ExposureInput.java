package dev.abkit.core.event;

import java.time.Instant;

/**
 * One exposure as the client sent it, not yet validated.
 *
 * @param experiment the experiment's key
 * @param at         the client's time of the exposure; null when it sent none
 */
public record ExposureInput(String experiment, Instant at) {
}
