/**
 * The admin token: one filter guards the admin API and the statistics paths, comparing the token
 * in constant time.
 */
package dev.abkit.http.auth;
