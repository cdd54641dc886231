/**
 * HTTP adapter: the mobile and admin API over the use cases of ab-core; translates JSON to domain
 * types and every error to an RFC 9457 problem. {@code mobile} (the app's calls) and {@code admin}
 * hold the controllers, {@code json} the strict reading of bodies, {@code problem} the one error
 * mapping, {@code auth} the admin API's token filter, {@code log} the request log.
 */
package dev.abkit.http;
