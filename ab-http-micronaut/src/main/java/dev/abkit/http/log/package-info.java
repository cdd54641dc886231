/**
 * The request log, one line per request with no header, query or body, so no secret; and request ids,
 * sent back in a header and carried by every log line written for the request.
 */
package dev.abkit.http.log;
