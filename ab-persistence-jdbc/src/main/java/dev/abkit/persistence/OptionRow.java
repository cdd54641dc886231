package dev.abkit.persistence;

import io.micronaut.core.annotation.Introspected;

import java.math.BigDecimal;

/** A row of {@code experiment_option}, read in position order. */
@Introspected
record OptionRow(String experimentKey, String optionValue, BigDecimal weight) {
}
