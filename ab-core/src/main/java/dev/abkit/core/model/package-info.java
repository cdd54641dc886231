/**
 * Value objects and entities of the domain: experiments, options, weights, devices and their
 * assignments. Every type validates in its constructor, so an invalid one cannot exist.
 */
package dev.abkit.core.model;
