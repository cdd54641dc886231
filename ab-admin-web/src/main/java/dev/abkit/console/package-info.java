/**
 * Admin console adapter: the {@code /admin} pages where a person signs in with a token and runs experiments, QA
 * overrides, device lookups and (admins) personal tokens through the core's use cases, with plain forms that
 * need no script (decision 20).
 */
package dev.abkit.console;
