/**
 * The use cases of {@code dev.abkit.core.port.in}, implemented on the ports of
 * {@code dev.abkit.core.port.out}. Every business decision of abkit is made here or in the model.
 */
package dev.abkit.core.service;
