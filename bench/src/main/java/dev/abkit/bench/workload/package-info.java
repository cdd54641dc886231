/**
 * The embedded workload of SPEC 6, shared by the JMH benchmarks and the heap tool: random device
 * ids, Indeed's Proctor set up with the same two experiments, and the answer map both sides build.
 */
package dev.abkit.bench.workload;
