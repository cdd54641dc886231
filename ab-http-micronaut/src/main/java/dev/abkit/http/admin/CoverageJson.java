package dev.abkit.http.admin;

import dev.abkit.core.model.Coverage;
import dev.abkit.http.problem.InvalidInputException;

import java.math.BigDecimal;

/** The wire form of an experiment's coverage (R7): a JSON number in percent, 0.01 to 100, two decimals at most. */
final class CoverageJson {

    private CoverageJson() {
    }

    /** @throws InvalidInputException naming {@code coverage}, with the core's reason */
    static Coverage read(BigDecimal percent) {
        try {
            return Coverage.percent(percent);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("coverage", e.getMessage());
        }
    }
}
