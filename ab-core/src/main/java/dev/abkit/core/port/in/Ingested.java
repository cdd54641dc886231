package dev.abkit.core.port.in;

/**
 * The answer to an ingest request: {@code accepted} events newly stored, {@code duplicates} that had been
 * stored before or occurred twice in the request. Together they are the request's events.
 */
public record Ingested(int accepted, int duplicates) {

    public Ingested {
        if (accepted < 0 || duplicates < 0) {
            throw new IllegalArgumentException("counts must not be negative (got " + accepted + ", " + duplicates + ")");
        }
    }
}
