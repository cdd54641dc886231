/** The request log: one line per request, with no header, query or body, so no secret. */
package dev.abkit.http.log;
