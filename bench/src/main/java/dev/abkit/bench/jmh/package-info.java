/**
 * JMH micro-benchmarks of ab-core: allocation of a slot to an option, and the mobile use case on
 * the in-memory adapters for a returning and a new device.
 */
package dev.abkit.bench.jmh;
