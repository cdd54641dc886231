/**
 * The admin API for product teams: create, list, read and edit experiments, move them through
 * their lifecycle (start, schedule, close, stop), read their results, and look up a device. JSON
 * records here translate to and from the core's types; domain types never cross the wire.
 */
package dev.abkit.http.admin;
