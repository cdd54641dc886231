package dev.abkit.http.mobile;

import dev.abkit.core.AbKit;
import dev.abkit.core.memory.InMemoryDevices;
import dev.abkit.core.memory.InMemoryExperiments;
import dev.abkit.core.memory.InMemorySlotCounters;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.in.CreateExperiment;
import dev.abkit.core.port.in.ExperimentsForDevice;
import dev.abkit.core.port.in.FindExperiments;
import dev.abkit.core.port.in.StopExperiment;
import dev.abkit.http.cache.CachingDevices;
import dev.abkit.http.cache.CachingExperiments;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A returning device is answered on the event loop without a thread hop; a new one, which needs
 * the database, on the blocking executor, and is refused with 503 if it waited there too long.
 * The executor has one thread here, so one slow request makes the next one wait.
 */
@MicronautTest
@Property(name = "micronaut.executors.blocking.type", value = "fixed")
@Property(name = "micronaut.executors.blocking.number-of-threads", value = "1")
@Property(name = "abkit.max-queue-wait", value = "300ms")
class MobileThreadingTest {

    static final List<String> THREADS = new CopyOnWriteArrayList<>();
    /** A device with this token prefix holds its thread in the use case until {@link #RELEASE} opens. */
    static final String SLOW = "slow-";
    static final CountDownLatch ENTERED_SLOW = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @Inject
    EmbeddedServer server;

    @Inject
    CachingDevices devices;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void a_cached_device_is_served_on_the_event_loop_and_a_new_one_off_it() throws Exception {
        HttpRequest request = request("fast-path-device");

        HttpResponse<String> first = client.send(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> second = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        List<String> threads = THREADS.stream().filter(thread -> !thread.startsWith(SLOW)).toList();
        assertThat(threads).hasSize(2);
        assertThat(threads.get(0)).doesNotContain("eventLoop");
        assertThat(threads.get(1)).contains("eventLoop");
    }

    @Test
    void a_new_device_that_waited_too_long_for_a_database_thread_gets_503_and_is_not_registered()
            throws Exception {
        CompletableFuture<HttpResponse<String>> slow =
                client.sendAsync(request(SLOW + "device"), HttpResponse.BodyHandlers.ofString());
        assertThat(ENTERED_SLOW.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HttpResponse<String>> queued =
                client.sendAsync(request("queued-device"), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(600); // twice the max-queue-wait, while the only thread is held
        RELEASE.countDown();

        assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = queued.get(10, TimeUnit.SECONDS);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("too busy");
        assertThat(devices.find(DeviceToken.of("queued-device"))).isEmpty();

        HttpResponse<String> retried = client.send(request("queued-device"), HttpResponse.BodyHandlers.ofString());
        assertThat(retried.statusCode()).isEqualTo(200);
    }

    private HttpRequest request(String deviceToken) {
        return HttpRequest.newBuilder(server.getURI().resolve("/api/v1/experiments"))
                .header("Device-Token", deviceToken).timeout(Duration.ofSeconds(10)).build();
    }

    @Factory
    static class Wiring {

        @Singleton
        @Bean(typed = CachingExperiments.class)
        CachingExperiments experiments() {
            InMemoryExperiments experiments = new InMemoryExperiments();
            ShippedExperiments.all().forEach(experiments::add);
            return new CachingExperiments(experiments, Executors.newSingleThreadScheduledExecutor(), Duration.ofMinutes(1));
        }

        @Singleton
        @Bean(typed = CachingDevices.class)
        CachingDevices devices() {
            return new CachingDevices(new InMemoryDevices(new InMemorySlotCounters()), 1024 * 1024);
        }

        @Singleton
        AbKit abKit(CachingExperiments experiments, CachingDevices devices) {
            return AbKit.builder().experiments(experiments).devices(devices)
                    .enrollmentCounts(new InMemoryDevices(new InMemorySlotCounters())).build();
        }

        @Singleton
        ExperimentsForDevice experimentsForDevice(AbKit abKit) {
            return token -> {
                if (token.value().startsWith(SLOW)) {
                    ENTERED_SLOW.countDown();
                    awaitRelease();
                    THREADS.add(SLOW + Thread.currentThread().getName());
                } else {
                    THREADS.add(Thread.currentThread().getName());
                }
                return abKit.experimentsForDevice().experimentsFor(token);
            };
        }

        private static void awaitRelease() {
            try {
                RELEASE.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Singleton
        CreateExperiment createExperiment(AbKit abKit) {
            return abKit.createExperiment();
        }

        @Singleton
        FindExperiments findExperiments(AbKit abKit) {
            return abKit.findExperiments();
        }

        @Singleton
        StopExperiment stopExperiment(AbKit abKit) {
            return abKit.stopExperiment();
        }
    }
}
