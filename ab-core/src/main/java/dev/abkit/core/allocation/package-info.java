/**
 * Permuted-block randomisation (R3): which option the n-th device enrolled into an experiment
 * receives. Pure functions of the weights, the experiment's seed and the slot number.
 */
package dev.abkit.core.allocation;
