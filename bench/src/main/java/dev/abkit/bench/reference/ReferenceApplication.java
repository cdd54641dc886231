package dev.abkit.bench.reference;

import io.micronaut.runtime.Micronaut;

/**
 * The ceiling of the load benchmark (SPEC 6): a bare Micronaut server whose only endpoint answers a
 * constant JSON of the same size as abkit's mobile answer. Same HTTP stack, same JVM options
 * (bench/load.sh starts both with -Xmx256m), nothing of abkit.
 */
public final class ReferenceApplication {

    private ReferenceApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(ReferenceApplication.class, args);
    }
}
