package dev.abkit.core.results;

import java.util.Random;

/** Random draws for the simulations that check the statistics' error rates. */
final class Draws {

    private Draws() {
    }

    /** Successes in {@code trials} independent trials that each succeed with probability {@code rate}. */
    static long binomial(Random random, int trials, double rate) {
        long successes = 0;
        for (int trial = 0; trial < trials; trial++) {
            if (random.nextDouble() < rate) {
                successes++;
            }
        }
        return successes;
    }
}
