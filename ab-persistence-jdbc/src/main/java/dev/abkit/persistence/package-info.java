/**
 * Storage adapter: the storage ports of ab-core on PostgreSQL or embedded H2, through
 * Micronaut Data JDBC, with the schema kept by Flyway.
 */
package dev.abkit.persistence;
