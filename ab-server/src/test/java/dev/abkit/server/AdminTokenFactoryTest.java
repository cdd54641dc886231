package dev.abkit.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.abkit.core.auth.AdminToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class AdminTokenFactoryTest {

    static final Pattern LOGGED_TOKEN = Pattern.compile("this run's admin token is (\\S+) ");

    private final Logger log = (Logger) LoggerFactory.getLogger(AdminTokenFactory.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        log.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        log.detachAppender(logged);
    }

    @Test
    void a_configured_token_is_used_as_it_is_set_and_never_logged() {
        AdminToken token = new AdminTokenFactory().adminToken(" chosen-token\n");

        assertThat(token.matches("chosen-token")).isTrue();
        assertThat(logged.list).isEmpty();
    }

    @Test
    void without_one_a_random_url_safe_token_is_generated_and_logged_once() {
        AdminToken token = new AdminTokenFactory().adminToken("  ");

        assertThat(logged.list).hasSize(1);
        Matcher line = LOGGED_TOKEN.matcher(logged.list.get(0).getFormattedMessage());
        assertThat(line.find()).as(logged.list.get(0).getFormattedMessage()).isTrue();
        assertThat(line.group(1)).matches("[A-Za-z0-9_-]{43}");
        assertThat(token.matches(line.group(1))).isTrue();
        assertThat(token.matches("")).isFalse();
    }

    @Test
    void each_generated_token_is_another_one() {
        assertThat(AdminTokenFactory.generated()).isNotEqualTo(AdminTokenFactory.generated());
    }
}
