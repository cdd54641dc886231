/**
 * abkit's domain as a plain Java library: {@link dev.abkit.core.AbKit} assembles the use cases
 * from a set of ports. Sub-packages follow the hexagon: model, allocation, port.in, port.out,
 * service (the use cases), memory (in-memory adapters for embedding and tests).
 */
package dev.abkit.core;
