/**
 * The admin API for product teams: create, list, read and edit experiments, and move them through
 * their lifecycle (start, schedule, close, stop). JSON records here
 * translate to and from the core's types; domain types never cross the wire.
 */
package dev.abkit.http.admin;
