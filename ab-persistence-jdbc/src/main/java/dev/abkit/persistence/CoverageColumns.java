package dev.abkit.persistence;

import dev.abkit.core.model.Coverage;
import dev.abkit.core.model.CoveragePlan;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * An experiment's coverage plan to and from the column {@code coverage_plan}: its steps as
 * {@code from_slot:hundredths} joined by {@code ','}, such as {@code 0:1000,3000:5000} for 10 % from
 * slot 0 and 50 % from slot 3000. Only a placed plan is stored ({@link CoveragePlan#settledAt}).
 */
final class CoverageColumns {

    private CoverageColumns() {
    }

    static String text(CoveragePlan plan) {
        if (plan.isPending()) {
            throw new IllegalStateException("a coverage change must be placed before it is stored: " + plan);
        }
        StringJoiner text = new StringJoiner(",");
        for (CoveragePlan.Step step : plan.steps()) {
            text.add(step.fromSlot() + ":" + step.coverage().hundredths());
        }
        return text.toString();
    }

    /** The plan in {@code text}; the column holds only what {@link #text} wrote, so it parses. */
    static CoveragePlan plan(String text) {
        List<CoveragePlan.Step> steps = new ArrayList<>();
        for (String step : text.split(",")) {
            int colon = step.indexOf(':');
            steps.add(new CoveragePlan.Step(Long.parseLong(step.substring(0, colon)),
                    new Coverage(Integer.parseInt(step.substring(colon + 1)))));
        }
        return new CoveragePlan(steps, null);
    }
}
