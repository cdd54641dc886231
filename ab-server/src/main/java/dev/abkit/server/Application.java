package dev.abkit.server;

import io.micronaut.runtime.Micronaut;

/** Starts the abkit server: {@code java -jar ab-server/target/ab-server.jar}. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(Application.class)
                .banner(false)
                .start();
    }
}
