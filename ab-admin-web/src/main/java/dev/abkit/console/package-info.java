/**
 * Admin console adapter: the {@code /admin} pages where a person signs in with a token and runs experiments
 * through the core's admin use cases, with plain forms that need no script (decision 20).
 */
package dev.abkit.console;
