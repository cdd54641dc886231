/** The server's OpenAPI document: served as YAML and JSON, and the Swagger UI page that reads it. */
package dev.abkit.server.openapi;
