package dev.abkit.server;

import java.util.LinkedHashMap;
import java.util.Map;

/** One scrape of {@code /metrics} in Prometheus text format: every series (name with labels) and its value. */
record Scrape(Map<String, Double> series) {

    static Scrape of(String text) {
        Map<String, Double> series = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return new Scrape(series);
    }

    /** The sum of the series of metric {@code name} whose labels contain every one of {@code labels} ({@code key="value"}). */
    double sum(String name, String... labels) {
        double sum = 0;
        for (Map.Entry<String, Double> entry : series.entrySet()) {
            String key = entry.getKey();
            if (nameOf(key).equals(name) && containsAll(key, labels)) {
                sum += entry.getValue();
            }
        }
        return sum;
    }

    /** Whether metric {@code name} has a series with every one of {@code labels}. */
    boolean has(String name, String... labels) {
        return series.keySet().stream().anyMatch(key -> nameOf(key).equals(name) && containsAll(key, labels));
    }

    private static String nameOf(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? series : series.substring(0, brace);
    }

    private static boolean containsAll(String series, String... labels) {
        for (String label : labels) {
            if (!series.contains(label)) {
                return false;
            }
        }
        return true;
    }
}
