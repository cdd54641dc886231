/**
 * What the core needs from outside, named for the capability: experiment storage, device storage
 * with atomic registration, slot counters and enrollment counts. Adapters implement them.
 */
package dev.abkit.core.port.out;
