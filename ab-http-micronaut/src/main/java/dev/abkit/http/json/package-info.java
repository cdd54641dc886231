/**
 * How every API of this module reads request bodies and instants: strictly (trailing content, size
 * limits per body) and with errors that name the member or parameter as the client wrote it.
 */
package dev.abkit.http.json;
