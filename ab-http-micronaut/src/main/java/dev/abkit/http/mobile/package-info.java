/**
 * What the app calls, identified by its Device-Token: its experiments at start-up (answered from memory
 * for returning devices, on the blocking executor when the database is needed), and the events and
 * exposures it reports, validated whole on the event loop and stored behind the same bounded queue.
 */
package dev.abkit.http.mobile;
