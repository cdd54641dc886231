/**
 * The admin API for product teams: create, list, read and stop experiments. JSON records here
 * translate to and from the core's types; domain types never cross the wire.
 */
package dev.abkit.http.admin;
