/**
 * JMH micro-benchmarks of ab-core: allocation of a slot to an option, and the mobile use case on
 * the in-memory adapters for returning devices (beside Indeed's Proctor) and new devices.
 */
package dev.abkit.bench.jmh;
