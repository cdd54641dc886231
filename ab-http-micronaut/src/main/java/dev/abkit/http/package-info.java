/**
 * HTTP adapter: the mobile and admin API over the use cases of ab-core; translates JSON
 * to domain types and domain exceptions to RFC 9457 problems.
 */
package dev.abkit.http;
