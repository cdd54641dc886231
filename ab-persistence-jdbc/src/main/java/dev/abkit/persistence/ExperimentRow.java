package dev.abkit.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A row of {@code experiment}: an experiment without its options. The id is its creation order. */
@MappedEntity("experiment")
record ExperimentRow(@Id long id, String experimentKey, String status, Instant createdAt, long seed) {
}
