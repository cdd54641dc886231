package dev.abkit.server;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;
import java.util.UUID;

/**
 * {@link OptionValuesTest} on the embedded database, whose varchar counts UTF-16 units: an astral
 * character takes two of them.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OptionValuesOnH2Test extends OptionValuesTest {

    /** The embedded database with application.yml's settings, in memory instead of a file under ./data. */
    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "datasources.default.url", "jdbc:h2:mem:" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "datasources.default.username", "",
                "datasources.default.password", "");
    }
}
