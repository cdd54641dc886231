/**
 * The few exceptions the core throws beyond {@link java.lang.IllegalArgumentException} for invalid
 * values. Adapters at the HTTP edge map each of them once to an RFC 9457 problem.
 */
package dev.abkit.core.error;
