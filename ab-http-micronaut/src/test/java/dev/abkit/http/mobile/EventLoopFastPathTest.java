package dev.abkit.http.mobile;

import dev.abkit.core.AbKit;
import dev.abkit.core.memory.InMemoryDevices;
import dev.abkit.core.memory.InMemoryExperiments;
import dev.abkit.core.memory.InMemorySlotCounters;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.in.CreateExperiment;
import dev.abkit.core.port.in.ExperimentsForDevice;
import dev.abkit.core.port.in.FindExperiments;
import dev.abkit.core.port.in.StopExperiment;
import dev.abkit.http.cache.CachingDevices;
import dev.abkit.http.cache.CachingExperiments;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A returning device is answered on the event loop without a thread hop; a new one, which needs
 * the database, on the blocking executor.
 */
@MicronautTest
class EventLoopFastPathTest {

    static final List<String> THREADS = new CopyOnWriteArrayList<>();

    @Inject
    EmbeddedServer server;

    @Test
    void a_cached_device_is_served_on_the_event_loop_and_a_new_one_off_it() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(server.getURI().resolve("/api/v1/experiments"))
                .header("Device-Token", "fast-path-device").timeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> first = client.send(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> second = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(THREADS).hasSize(2);
        assertThat(THREADS.get(0)).doesNotContain("eventLoop");
        assertThat(THREADS.get(1)).contains("eventLoop");
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
            return new CachingDevices(new InMemoryDevices(new InMemorySlotCounters()), 100);
        }

        @Singleton
        AbKit abKit(CachingExperiments experiments, CachingDevices devices) {
            return AbKit.builder().experiments(experiments).devices(devices)
                    .enrollmentCounts(new InMemoryDevices(new InMemorySlotCounters())).build();
        }

        @Singleton
        ExperimentsForDevice experimentsForDevice(AbKit abKit) {
            return token -> {
                THREADS.add(Thread.currentThread().getName());
                return abKit.experimentsForDevice().experimentsFor(token);
            };
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
