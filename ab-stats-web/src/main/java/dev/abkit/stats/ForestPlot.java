package dev.abkit.stats;

import dev.abkit.core.results.ExperimentResults;
import dev.abkit.core.results.OptionResult;
import io.micronaut.core.annotation.Introspected;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.StringJoiner;

/**
 * The forest plot of the results view, every coordinate computed here so that the template only writes them out:
 * one row per option other than the control, its difference in conversion rate from the control as a dot on its
 * 95 % interval, against a vertical line at zero, which is the control. The x axis is in percentage points.
 *
 * <p>Drawn in a {@value #WIDTH}-unit wide viewBox scaled to the width of its box: on a 390 px phone a unit is
 * about a pixel, so the {@value #FONT_SIZE}-unit text stays legible.
 *
 * @param rows  the compared options, in the experiment's order
 * @param ticks the x axis: round differences in percentage points
 */
@Introspected
public record ForestPlot(String viewBox, String title, String description, String zeroX, String plotTop,
                         String plotBottom, String plotLeft, String plotRight, String labelX, String centerX,
                         String axisY, String axisTitleY, String axisTitle, String controlLabelY, List<Tick> ticks,
                         List<Row> rows) {

    static final int WIDTH = 360;
    static final int FONT_SIZE = 13;
    static final double PLOT_LEFT = 112;
    /** Room to the right for half the widest label centred on the plot's right end: "control", or a tick's "+0.15". */
    static final double PLOT_RIGHT = 328;
    static final double TOP = 26;
    static final double ROW_HEIGHT = 32;
    static final int LABEL_LENGTH = 12;

    /** A tick of the x axis: its position and its label. */
    @Introspected
    public record Tick(String x, String label) {
    }

    /**
     * One compared option. Without a difference (no devices on a side) {@code drawn} is false and only the label
     * and a note are shown. {@code verdict}: {@code above} or {@code below} when the interval leaves out zero,
     * else {@code overlaps}.
     */
    @Introspected
    public record Row(String label, String value, String summary, boolean drawn, String y, String textY, String low,
                      String high, String estimate, String verdict) {
    }

    static ForestPlot of(ExperimentResults results) {
        List<OptionResult> compared = results.options().stream()
                .filter(option -> !option.value().equals(results.control())).toList();
        double plotBottom = TOP + ROW_HEIGHT * Math.max(1, compared.size());
        LinearScale x = scale(compared);
        List<Row> rows = new ArrayList<>();
        StringJoiner description = new StringJoiner("; ",
                "Difference in conversion rate from the control, " + results.control()
                        + ", in percentage points, with 95% intervals: ", ".");
        for (int i = 0; i < compared.size(); i++) {
            OptionResult option = compared.get(i);
            double y = TOP + ROW_HEIGHT * i + ROW_HEIGHT / 2;
            String summary = summary(option);
            description.add(summary);
            rows.add(row(option, summary, x, y));
        }
        List<Tick> ticks = x.ticks().stream()
                .map(tick -> new Tick(LinearScale.coordinate(x.at(tick)), signed(x.tickText(tick))))
                .toList();
        double height = plotBottom + 50;
        return new ForestPlot("0 0 " + WIDTH + " " + LinearScale.coordinate(height),
                "Difference from the control, " + results.control(), description.toString(),
                LinearScale.coordinate(x.at(0)), LinearScale.coordinate(TOP), LinearScale.coordinate(plotBottom),
                LinearScale.coordinate(PLOT_LEFT), LinearScale.coordinate(PLOT_RIGHT),
                LinearScale.coordinate(PLOT_LEFT - 8), LinearScale.coordinate((PLOT_LEFT + PLOT_RIGHT) / 2),
                LinearScale.coordinate(plotBottom + 18), LinearScale.coordinate(plotBottom + 40),
                "difference from control, percentage points", LinearScale.coordinate(TOP - 8), ticks, rows);
    }

    /** Over every interval and zero, so that the control's line is always on the plot. */
    private static LinearScale scale(List<OptionResult> compared) {
        double low = 0;
        double high = 0;
        for (OptionResult option : compared) {
            if (option.differenceLow().isPresent() && option.differenceHigh().isPresent()) {
                low = Math.min(low, option.differenceLow().getAsDouble() * 100);
                high = Math.max(high, option.differenceHigh().getAsDouble() * 100);
            }
        }
        return LinearScale.nice(low, high, 4, PLOT_LEFT, PLOT_RIGHT);
    }

    private static Row row(OptionResult option, String summary, LinearScale x, double y) {
        String value = option.value();
        // Counted in code points, so that a surrogate pair (an emoji) is never cut in two; a sequence of several code
        // points (a flag, a family) may still be shortened within.
        String label = value.codePointCount(0, value.length()) > LABEL_LENGTH
                ? value.substring(0, value.offsetByCodePoints(0, LABEL_LENGTH - 1)) + "…" : value;
        String textY = LinearScale.coordinate(y + FONT_SIZE * 0.35);
        OptionalDouble difference = option.difference();
        if (difference.isEmpty() || option.differenceLow().isEmpty() || option.differenceHigh().isEmpty()) {
            return new Row(label, option.value(), summary, false, LinearScale.coordinate(y), textY, null, null, null,
                    null);
        }
        double low = option.differenceLow().getAsDouble();
        double high = option.differenceHigh().getAsDouble();
        String verdict = low > 0 ? "above" : high < 0 ? "below" : "overlaps";
        return new Row(label, option.value(), summary, true, LinearScale.coordinate(y), textY,
                LinearScale.coordinate(x.at(low * 100)), LinearScale.coordinate(x.at(high * 100)),
                LinearScale.coordinate(x.at(difference.getAsDouble() * 100)), verdict);
    }

    private static String summary(OptionResult option) {
        if (option.difference().isEmpty()) {
            return option.value() + " no difference yet";
        }
        String interval = Figures.pointsInterval(option.differenceLow(), option.differenceHigh());
        return option.value() + " " + Figures.points(option.difference())
                + (interval == null ? "" : " (" + interval + ")");
    }

    private static String signed(String tick) {
        if (tick.startsWith("-")) {
            return Figures.MINUS + tick.substring(1);
        }
        return tick.matches("0(\\.0*)?") ? tick : "+" + tick;
    }
}
