/**
 * The mobile endpoint: one call per app start, answered from memory for returning devices and
 * on the blocking executor when the database is needed.
 */
package dev.abkit.http.mobile;
