/**
 * Thread-safe in-memory adapters for every port: enough to embed abkit in a JVM service without a
 * database, and the reference the port contract tests hold every other adapter to.
 */
package dev.abkit.core.memory;
