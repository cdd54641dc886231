/**
 * The admin API for product teams: create, list, read and stop experiments, and look up a device.
 * JSON records here translate to and from the core's types; domain types never cross the wire.
 */
package dev.abkit.http.admin;
