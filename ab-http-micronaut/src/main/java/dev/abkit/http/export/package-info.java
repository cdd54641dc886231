/**
 * CSV downloads streamed as they are read (issue 15): a bounded pipe from the database thread that runs an
 * export use case to the response body, and the columns of each export, written by Commons CSV.
 */
package dev.abkit.http.export;
