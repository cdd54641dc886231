/**
 * RFC 9457 problems: every error the HTTP edge answers, from the framework or the domain, is
 * mapped here, in {@link dev.abkit.http.problem.Problems}, and nowhere else.
 */
package dev.abkit.http.problem;
