/**
 * Tools of bench/load.sh and bench/stats.sh: bulk registration of devices into the real schema, and
 * the checks that registrations under load were exact and complete; and HeapPerDevice, the heap an
 * embedded abkit keeps per device.
 */
package dev.abkit.bench.tools;
