package dev.abkit.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.HashMap;

/**
 * A {@link SystemTest} with a second server on the class's database, as behind a load balancer:
 * {@code api} reaches the first, {@code other} the second. Subclasses are
 * {@code @MicronautTest(transactional = false)} and {@code @TestInstance(PER_CLASS)}.
 */
abstract class TwoServersSystemTest extends SystemTest {

    EmbeddedServer second;
    Api other;

    @BeforeAll
    void startSecondServer() {
        second = ApplicationContext.run(EmbeddedServer.class, new HashMap<>(getProperties()), "test");
        other = new Api(second.getURI(), json);
    }

    @AfterAll
    void stopSecondServer() {
        second.close();
    }
}
