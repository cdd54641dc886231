package dev.abkit.core.port.in;

import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.model.Lifecycle;
import dev.abkit.core.model.Weight;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The statistics at one instant: every experiment in creation order with its enrolled devices per
 * option, and the number of registered devices.
 */
public record StatisticsReport(long devices, List<ExperimentFigures> experiments, Instant takenAt) {

    /** Shares are rounded to this many decimal places: 0.3333 for a third. */
    public static final int SHARE_SCALE = 4;

    public StatisticsReport {
        experiments = List.copyOf(experiments);
    }

    /**
     * One experiment: its status and schedule ({@code lifecycle}), its enrolled devices per option
     * (an enrolled device that is overridden is still counted under its slot's option), and
     * {@code overridden}, the devices with a QA override in it (R9), counted apart.
     */
    public record ExperimentFigures(ExperimentKey key, ExperimentStatus status, Instant createdAt, long devices,
                                    List<OptionFigures> options, Lifecycle lifecycle, long overridden) {
        public ExperimentFigures {
            options = List.copyOf(options);
        }

        /** Figures without overrides. */
        public ExperimentFigures(ExperimentKey key, ExperimentStatus status, Instant createdAt, long devices,
                                 List<OptionFigures> options, Lifecycle lifecycle) {
            this(key, status, createdAt, devices, options, lifecycle, 0);
        }
    }

    /**
     * One option: its weight, the devices that received it, their share of the experiment's devices,
     * and the share its weight targets (the weight divided by the sum of the experiment's weights).
     */
    public record OptionFigures(String value, Weight weight, long devices, BigDecimal share, BigDecimal targetShare) {
    }
}
