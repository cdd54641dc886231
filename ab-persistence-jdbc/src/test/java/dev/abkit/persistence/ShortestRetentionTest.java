package dev.abkit.persistence;

import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An embedder asking for raw events kept shorter than an exposure may be late is refused before anything is
 * built, with the reason: the exposed results would be short for late exposures, silently (decision 15).
 */
class ShortestRetentionTest {

    @Test
    void a_retention_under_30_days_is_refused_by_every_public_way_in() {
        DataSource untouched = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
                    throw new AssertionError("the DataSource was used (" + method.getName()
                            + ") before the retention was checked");
                });

        for (Duration tooShort : new Duration[] {Duration.ofDays(29), Duration.ofHours(36)}) {
            assertThatThrownBy(() -> JdbcStorage.on(untouched, tooShort)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least 30 days");
            assertThatThrownBy(() -> JdbcStorage.migrated(untouched, tooShort))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 30 days");
        }
    }
}
