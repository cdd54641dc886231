/**
 * The contract of the storage ports, written once and run against every adapter (in memory,
 * PostgreSQL, H2), so that all of them keep rules R1-R6 the same way. Published in ab-core's test-jar.
 */
package dev.abkit.core.contract;
