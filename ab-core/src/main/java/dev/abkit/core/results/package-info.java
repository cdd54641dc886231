/**
 * The statistics behind an experiment's results: Wilson and Newcombe intervals for conversion rates, the pooled
 * two-proportion z-test, Holm's adjustment, Welch intervals for means and Pearson's goodness of fit. Pure functions
 * of counts and sums; a figure that the data cannot define is an empty Optional, never NaN. On top of them,
 * {@link dev.abkit.core.results.ResultsCalculation} turns one experiment's per-option totals into its results.
 */
package dev.abkit.core.results;
