package dev.abkit.server;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

/** {@link OptionValuesTest} on PostgreSQL, whose varchar counts characters. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OptionValuesOnPostgresTest extends OptionValuesTest {
}
