/**
 * Who may use the admin API and the statistics: the admin token, compared in constant time, and
 * the ways a request may present it (SPEC section 3). Each web adapter guards its own paths with
 * these, so the rule exists once however many adapters apply it.
 */
package dev.abkit.core.auth;
