package dev.abkit.server;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R1-R4 end to end with concurrent clients on a fresh server: the shipped experiments (R5), exact
 * splits after 600 new devices (R3), one answer for 50 simultaneous first requests (R4) and the
 * same answer ever after (R1).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AllocationTest extends SystemTest {

    @Test
    @Order(1) // the first devices of a fresh database: counts are exact from slot 0
    void concurrent_devices_are_split_exactly_and_keep_their_values() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            tokens.add("split-device-" + i);
        }

        Map<String, Map<String, String>> first = api.experimentsOfEach(tokens, 16);

        assertThat(Counts.received(first.values(), "button_color")).isEqualTo(Counts.COLOURS_OF_600);
        assertThat(Counts.received(first.values(), "price")).isEqualTo(Counts.PRICES_OF_600);

        Map<String, Map<String, String>> again = api.experimentsOfEach(tokens, 16);
        assertThat(again).isEqualTo(first);

        List<Map<String, Object>> all = api.list(api.admin("GET", Api.ADMIN, null).body());
        assertThat(all).extracting(experiment -> experiment.get("key")).startsWith("button_color", "price");
    }

    @Test
    @Order(2)
    void fifty_simultaneous_first_requests_of_one_device_get_one_answer() throws Exception {
        List<String> sameDevice = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sameDevice.add("one-device-many-requests");
        }

        List<Map<String, String>> answers = concurrentlySame(sameDevice);

        Set<Map<String, String>> distinct = Set.copyOf(answers);
        assertThat(distinct).hasSize(1);
        assertThat(distinct.iterator().next()).containsKeys("button_color", "price");
        assertThat(api.experimentsOf("one-device-many-requests")).isEqualTo(distinct.iterator().next());
    }

    /** All requests released at the same instant. */
    private List<Map<String, String>> concurrentlySame(List<String> tokens) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Map<String, String>>> futures = new ArrayList<>();
            for (String token : tokens) {
                Callable<Map<String, String>> call = () -> {
                    start.await();
                    return api.experimentsOf(token);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<Map<String, String>> answers = new ArrayList<>();
            for (Future<Map<String, String>> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
