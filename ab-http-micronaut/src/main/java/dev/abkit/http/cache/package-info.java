/**
 * In-process caches as decorators of the core's storage ports, so that a returning device is
 * answered from memory: devices (never change, R1) and the running experiments (refreshed often).
 */
package dev.abkit.http.cache;
