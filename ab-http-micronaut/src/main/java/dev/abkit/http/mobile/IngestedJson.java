package dev.abkit.http.mobile;

import dev.abkit.core.port.in.Ingested;
import io.micronaut.serde.annotation.Serdeable;

/** The 202 of the events and exposures calls: what was newly stored and what had been before. */
@Serdeable
public record IngestedJson(int accepted, int duplicates) {

    static IngestedJson from(Ingested ingested) {
        return new IngestedJson(ingested.accepted(), ingested.duplicates());
    }
}
