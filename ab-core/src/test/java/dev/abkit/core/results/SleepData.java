package dev.abkit.core.results;

/**
 * R's {@code sleep} data set, extra hours of sleep under two drugs (Student 1908), as printed in R's t.test help:
 * the published reference of the Welch tests. Each value stands for one device's total.
 */
final class SleepData {

    static final double[] GROUP_1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
    static final double[] GROUP_2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};

    private SleepData() {
    }

    static SampleSums sums(double... values) {
        double sum = 0;
        double squares = 0;
        for (double value : values) {
            sum += value;
            squares += value * value;
        }
        return new SampleSums(values.length, sum, squares);
    }
}
