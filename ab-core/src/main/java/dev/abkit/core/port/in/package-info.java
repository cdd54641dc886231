/**
 * The use cases abkit offers, named for what the caller wants, with their command and result
 * records next to them. Adapters call these; the services in {@code dev.abkit.core.service} implement them.
 */
package dev.abkit.core.port.in;
