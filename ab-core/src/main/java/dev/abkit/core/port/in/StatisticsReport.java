package dev.abkit.core.port.in;

import dev.abkit.core.model.Audience;
import dev.abkit.core.model.Coverage;
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
     * One experiment: its status and schedule ({@code lifecycle}), the new devices it may enrol
     * ({@code audience}), its enrolled devices per option (an enrolled device that is overridden is
     * still counted under its slot's option), and {@code overridden}, the devices with a QA override
     * in it (R9), counted apart; its {@code coverage} (R7) now, and {@code leftOut}, the eligible new
     * devices that its coverage left out. {@code devices} counts the enrolled ones.
     */
    public record ExperimentFigures(ExperimentKey key, ExperimentStatus status, Instant createdAt, long devices,
                                    List<OptionFigures> options, Lifecycle lifecycle, Audience audience,
                                    long overridden, Coverage coverage, long leftOut) {
        public ExperimentFigures {
            options = List.copyOf(options);
            audience = audience == null ? Audience.EVERYONE : audience;
            coverage = coverage == null ? Coverage.FULL : coverage;
        }

        /** An experiment enrolling every eligible device. */
        public ExperimentFigures(ExperimentKey key, ExperimentStatus status, Instant createdAt, long devices,
                                 List<OptionFigures> options, Lifecycle lifecycle, Audience audience, long overridden) {
            this(key, status, createdAt, devices, options, lifecycle, audience, overridden, Coverage.FULL, 0);
        }

        /** An experiment open to every device, without overrides. */
        public ExperimentFigures(ExperimentKey key, ExperimentStatus status, Instant createdAt, long devices,
                                 List<OptionFigures> options, Lifecycle lifecycle) {
            this(key, status, createdAt, devices, options, lifecycle, Audience.EVERYONE, 0);
        }

        /** An experiment without overrides. */
        public ExperimentFigures(ExperimentKey key, ExperimentStatus status, Instant createdAt, long devices,
                                 List<OptionFigures> options, Lifecycle lifecycle, Audience audience) {
            this(key, status, createdAt, devices, options, lifecycle, audience, 0);
        }

        /** An experiment open to every device. */
        public ExperimentFigures(ExperimentKey key, ExperimentStatus status, Instant createdAt, long devices,
                                 List<OptionFigures> options, Lifecycle lifecycle, long overridden) {
            this(key, status, createdAt, devices, options, lifecycle, Audience.EVERYONE, overridden);
        }
    }

    /**
     * One option: its weight, the devices that received it, their share of the experiment's devices,
     * and the share its weight targets (the weight divided by the sum of the experiment's weights).
     */
    public record OptionFigures(String value, Weight weight, long devices, BigDecimal share, BigDecimal targetShare) {
    }
}
