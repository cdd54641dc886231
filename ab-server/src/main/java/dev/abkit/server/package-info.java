/**
 * The composition root: the main class, configuration and the factory that builds the
 * core's use cases from the adapters' port beans.
 */
package dev.abkit.server;
