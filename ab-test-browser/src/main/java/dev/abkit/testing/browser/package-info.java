/**
 * Test support, never part of the server: the real browser that the modules' browser tests drive, Debian's
 * headless Chromium, started the same way everywhere (a dependency in test scope only).
 */
package dev.abkit.testing.browser;
