package dev.abkit.stats;

import dev.abkit.core.results.ConversionHistory;
import dev.abkit.core.results.ConversionHistory.Day;
import dev.abkit.core.results.ConversionHistory.Point;
import io.micronaut.core.annotation.Introspected;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * The daily chart of the results view: each option's cumulative conversion rate at the end of each UTC day, one
 * line per option, every coordinate computed here. Days on which an option had no devices yet leave a gap in its
 * line rather than a fall to zero. Same {@value #WIDTH}-unit viewBox as the {@link ForestPlot}, for the same
 * reason.
 *
 * @param series one per option, in the experiment's order
 * @param xTicks up to five days, the first and the last among them
 * @param yTicks round rates in percent, from 0
 */
@Introspected
public record ConversionChart(String viewBox, String title, String description, String plotLeft, String plotRight,
                              String plotTop, String plotBottom, String centerX, String yLabelX, String xLabelY,
                              String xTitleY, String yTitleY, List<Tick> xTicks, List<Tick> yTicks,
                              List<Series> series) {

    static final int WIDTH = 360;
    static final double PLOT_LEFT = 44;
    /** Room to the right for half the last day's label, which is centred on its day as every other is. */
    static final double PLOT_RIGHT = 332;
    static final double PLOT_TOP = 26;
    static final double PLOT_BOTTOM = 196;
    static final double HEIGHT = 244;
    static final int PALETTE = 8;
    /** Solid, dashed, dotted. */
    static final int DASHES = 3;
    static final int MARKERS_UP_TO_DAYS = 14;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

    /**
     * A tick: its position along its axis, where its label goes along that axis (a y label's baseline sits a
     * little below its line, to centre the text on it), the label, and how the label is anchored
     * ({@code start}, {@code middle}, {@code end}).
     */
    @Introspected
    public record Tick(String at, String textAt, String label, String anchor) {
    }

    /**
     * One option's line. {@code path} is the SVG path data, a new sub-path after each gap; {@code markers} a dot
     * per day when there are few days (a single day has no line to draw); {@code seriesClass} picks its colour
     * and its dash pattern (solid, dashed, dotted, in turn); {@code last} its rate on the last day.
     */
    @Introspected
    public record Series(String value, String seriesClass, String path, List<Marker> markers, String last) {
    }

    @Introspected
    public record Marker(String x, String y) {
    }

    /**
     * @return null when there is nothing to draw: no day yet, or days without a device assigned (the core's history
     * runs from the experiment's start to today, so an experiment nobody joined yet has days, all empty)
     */
    static ConversionChart of(ConversionHistory history) {
        List<Day> days = history.days();
        if (days.stream().allMatch(day -> day.points().stream().allMatch(point -> point.devices() == 0))) {
            return null;
        }
        LinearScale x = days.size() == 1
                ? new LinearScale(-1, 1, PLOT_LEFT, PLOT_RIGHT)
                : new LinearScale(0, days.size() - 1, PLOT_LEFT, PLOT_RIGHT);
        double highest = highestPercent(days);
        // Nobody converted yet: a flat line at 0 under an axis up to 1 %, not an axis of billionths.
        LinearScale y = LinearScale.nice(0, highest == 0 ? 1 : highest, 4, PLOT_BOTTOM, PLOT_TOP);
        List<Series> series = new ArrayList<>();
        StringJoiner lastDay = new StringJoiner(", ");
        for (int option = 0; option < history.options().size(); option++) {
            Series line = series(history.options().get(option), option, days, x, y);
            series.add(line);
            lastDay.add(line.value() + " " + line.last());
        }
        String first = days.get(0).day().toString();
        String last = days.get(days.size() - 1).day().toString();
        return new ConversionChart("0 0 " + WIDTH + " " + LinearScale.coordinate(HEIGHT),
                "Cumulative conversion rate per option by day",
                "Cumulative conversion rate of " + history.metric() + " per option at the end of each UTC day, from "
                        + first + " to " + last + "; on " + last + ": " + lastDay + ".",
                LinearScale.coordinate(PLOT_LEFT), LinearScale.coordinate(PLOT_RIGHT),
                LinearScale.coordinate(PLOT_TOP), LinearScale.coordinate(PLOT_BOTTOM),
                LinearScale.coordinate((PLOT_LEFT + PLOT_RIGHT) / 2), LinearScale.coordinate(PLOT_LEFT - 6),
                LinearScale.coordinate(PLOT_BOTTOM + 18), LinearScale.coordinate(PLOT_BOTTOM + 42),
                LinearScale.coordinate(PLOT_TOP - 12),
                dayTicks(days, x), rateTicks(y), series);
    }

    private static double highestPercent(List<Day> days) {
        double highest = 0;
        for (Day day : days) {
            for (Point point : day.points()) {
                if (point.rate().isPresent()) {
                    highest = Math.max(highest, point.rate().getAsDouble() * 100);
                }
            }
        }
        return highest;
    }

    private static Series series(String value, int option, List<Day> days, LinearScale x, LinearScale y) {
        StringBuilder path = new StringBuilder();
        List<Marker> markers = new ArrayList<>();
        boolean drawing = false;
        OptionalDouble last = OptionalDouble.empty();
        for (int i = 0; i < days.size(); i++) {
            OptionalDouble rate = days.get(i).points().get(option).rate();
            last = rate;
            if (rate.isEmpty()) {
                drawing = false;
                continue;
            }
            String px = LinearScale.coordinate(x.at(i));
            String py = LinearScale.coordinate(y.at(rate.getAsDouble() * 100));
            path.append(path.isEmpty() ? "" : " ").append(drawing ? "L" : "M").append(px).append(' ').append(py);
            drawing = true;
            if (days.size() <= MARKERS_UP_TO_DAYS) {
                markers.add(new Marker(px, py));
            }
        }
        // A dash pattern besides the colour, so that the first three lines differ without colour too (WCAG 1.4.1);
        // 8 colours and 3 patterns give every one of an experiment's up to 20 options a pair of its own.
        int dash = option % DASHES;
        String seriesClass = "series-" + option % PALETTE + (dash == 0 ? "" : " dash-" + dash);
        return new Series(value, seriesClass, path.toString(), markers, Figures.percent(last));
    }

    private static List<Tick> dayTicks(List<Day> days, LinearScale x) {
        if (days.size() == 1) {
            String at = LinearScale.coordinate(x.at(0));
            return List.of(new Tick(at, at, DAY.format(days.get(0).day()), "middle"));
        }
        TreeSet<Integer> indexes = new TreeSet<>();
        int intervals = Math.min(4, days.size() - 1);
        for (int k = 0; k <= intervals; k++) {
            indexes.add((int) Math.round((double) k * (days.size() - 1) / intervals));
        }
        List<Tick> ticks = new ArrayList<>();
        for (int index : indexes) {
            LocalDate day = days.get(index).day();
            String at = LinearScale.coordinate(x.at(index));
            ticks.add(new Tick(at, at, DAY.format(day), "middle"));
        }
        return ticks;
    }

    private static List<Tick> rateTicks(LinearScale y) {
        return y.ticks().stream()
                .map(tick -> new Tick(LinearScale.coordinate(y.at(tick)), LinearScale.coordinate(y.at(tick) + 4.5),
                        y.tickText(tick) + "%", "end"))
                .toList();
    }
}
