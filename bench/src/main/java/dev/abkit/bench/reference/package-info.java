/**
 * The reference server of the load benchmark: a bare Micronaut endpoint with a constant answer,
 * the ceiling that abkit's mobile endpoint is measured against.
 */
package dev.abkit.bench.reference;
