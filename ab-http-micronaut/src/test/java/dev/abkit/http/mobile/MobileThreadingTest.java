package dev.abkit.http.mobile;

import dev.abkit.core.AbKit;
import dev.abkit.core.memory.InMemoryDevices;
import dev.abkit.core.memory.InMemoryExperiments;
import dev.abkit.core.memory.InMemorySlotCounters;
import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.DeviceAttributes;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.port.in.CloseExperiment;
import dev.abkit.core.port.in.CreateExperiment;
import dev.abkit.core.port.in.EditExperiment;
import dev.abkit.core.port.in.ScheduleExperiment;
import dev.abkit.core.port.in.StartExperiment;
import dev.abkit.core.port.in.ExperimentsForDevice;
import dev.abkit.core.port.in.FindExperiments;
import dev.abkit.core.port.in.StopExperiment;
import dev.abkit.http.auth.KnownAdminToken;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A device the use case answers from memory is answered on the event loop without a thread hop; a new one, which needs
 * the database, on the blocking executor, and is refused with 503 if no thread started it in time
 * or the executor's queue is full. The executor has one thread and room for one waiting request
 * here, so one slow request makes the next one wait and the one after that find the queue full.
 */
@MicronautTest
@Property(name = "abkit.max-queue-wait", value = "300ms")
class MobileThreadingTest {

    /** "token thread-name" for every use-case call, in call order. */
    static final List<String> THREADS = new CopyOnWriteArrayList<>();
    /** A device with this token prefix holds its thread in the use case until {@link #RELEASE} opens. */
    static final String SLOW = "slow-";
    static final CountDownLatch ENTERED_SLOW = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @Inject
    EmbeddedServer server;

    @Inject
    InMemoryDevices devices;


    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void a_remembered_device_is_served_on_the_event_loop_and_a_new_one_off_it() throws Exception {
        HttpRequest request = request("fast-path-device");

        HttpResponse<String> first = client.send(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> second = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        List<String> threads = THREADS.stream().filter(call -> call.startsWith("fast-path-device ")).toList();
        assertThat(threads).hasSize(2);
        assertThat(threads.get(0)).doesNotContain("eventLoop");
        assertThat(threads.get(1)).contains("eventLoop");
    }

    @Test
    void a_new_device_that_no_thread_starts_in_time_gets_503_then_and_one_that_finds_the_queue_full_at_once()
            throws Exception {
        CompletableFuture<HttpResponse<String>> slow =
                client.sendAsync(request(SLOW + "device"), HttpResponse.BodyHandlers.ofString());
        assertThat(ENTERED_SLOW.await(10, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> waitedTooLong = client.send(request("queued-device"), HttpResponse.BodyHandlers.ofString());
        assertThat(slow).as("answered while the only thread is still taken").isNotDone();
        assertBusy(waitedTooLong);
        // The refused request still holds the queue's one place until a thread takes it and drops it.
        assertBusy(client.send(request("rejected-device"), HttpResponse.BodyHandlers.ofString()));
        assertBusy(client.send(HttpRequest.newBuilder(server.getURI().resolve("/api/v1/admin/experiments"))
                .header("Authorization", "Bearer " + KnownAdminToken.VALUE).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()));
        RELEASE.countDown();

        assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(devices.find(DeviceToken.of("queued-device"))).as("refused before it ran").isEmpty();
        assertThat(devices.find(DeviceToken.of("rejected-device"))).isEmpty();
        // The slow answer can reach the client before the one thread has taken the refused request's stale place in
        // the queue and dropped it (a retry then found the queue full once in a full run): retry as a client told
        // 503 does, until the place is free.
        HttpResponse<String> retried = retriedWhileBusy(request("queued-device"));
        assertThat(retried.statusCode()).isEqualTo(200);
    }

    /** Sends {@code request} again while it is refused as busy, at most 100 times: no waiting for a time. */
    private HttpResponse<String> retriedWhileBusy(HttpRequest request) throws Exception {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        for (int attempt = 1; attempt < 100 && response.statusCode() == 503; attempt++) {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        return response;
    }

    private static void assertBusy(HttpResponse<String> refused) {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("too busy");
    }

    private HttpRequest request(String deviceToken) {
        return HttpRequest.newBuilder(server.getURI().resolve("/api/v1/experiments"))
                .header("Device-Token", deviceToken).timeout(Duration.ofSeconds(10)).build();
    }

    @Factory
    static class Wiring {

        /** One thread, and room for one request waiting for it. */
        @Singleton
        @Named(TaskExecutors.BLOCKING)
        @Replaces(bean = ExecutorService.class, named = TaskExecutors.BLOCKING)
        ExecutorService blocking() {
            return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1));
        }

        private final InMemoryExperiments stored = new InMemoryExperiments().addShipped();

        @Singleton
        @Bean(typed = InMemoryDevices.class)
        InMemoryDevices devices() {
            return new InMemoryDevices(stored, new InMemorySlotCounters());
        }

        @Singleton
        AbKit abKit(InMemoryDevices devices) {
            return AbKit.builder().experiments(stored).devices(devices).enrollmentCounts(devices)
                    .rememberDevices(1 << 20).build();
        }

        /** The core's use case, noting the token and thread of every answer it gives. */
        @Singleton
        ExperimentsForDevice experimentsForDevice(AbKit abKit) {
            ExperimentsForDevice real = abKit.experimentsForDevice();
            return new ExperimentsForDevice() {
                @Override
                public List<Assignment> experimentsFor(DeviceToken token, DeviceAttributes attributes) {
                    if (token.value().startsWith(SLOW)) {
                        ENTERED_SLOW.countDown();
                        awaitRelease();
                    }
                    THREADS.add(token.value() + " " + Thread.currentThread().getName());
                    return real.experimentsFor(token, attributes);
                }

                @Override
                public Optional<List<Assignment>> fromMemory(DeviceToken token) {
                    Optional<List<Assignment>> remembered = real.fromMemory(token);
                    remembered.ifPresent(answer -> THREADS.add(token.value() + " " + Thread.currentThread().getName()));
                    return remembered;
                }
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

        @Singleton
        StartExperiment startExperiment(AbKit abKit) {
            return abKit.startExperiment();
        }

        @Singleton
        ScheduleExperiment scheduleExperiment(AbKit abKit) {
            return abKit.scheduleExperiment();
        }

        @Singleton
        CloseExperiment closeExperiment(AbKit abKit) {
            return abKit.closeExperiment();
        }

        @Singleton
        EditExperiment editExperiment(AbKit abKit) {
            return abKit.editExperiment();
        }
    }
}
