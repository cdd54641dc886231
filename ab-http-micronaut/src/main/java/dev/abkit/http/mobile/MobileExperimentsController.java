package dev.abkit.http.mobile;

import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.DeviceAttributes;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.port.in.ExperimentsForDevice;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * {@code GET /api/v1/experiments}: the experiments a device takes part in, as one flat JSON object.
 * The optional {@link DeviceHeaders} are checked on every request and kept at the device's first.
 * A returning device that the use case answers from memory is served on the event loop; a new
 * device, or one not remembered, is served on the blocking executor because the use case then
 * reaches the database.
 * The server sizes that executor to the connection pool, so requests queue there in arrival order;
 * one that no thread started within {@code abkit.max-queue-wait}, or that finds the queue full, is
 * answered 503 ({@link DatabaseQueue}), and told to the {@link SlowQueueRefusals} bean if there is one.
 */
@Controller("/api/v1/experiments")
public class MobileExperimentsController {

    private final ExperimentsForDevice experimentsForDevice;
    private final DatabaseQueue databaseQueue;

    public MobileExperimentsController(ExperimentsForDevice experimentsForDevice,
                                       @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
                                       @Value("${abkit.max-queue-wait:2s}") Duration maxQueueWait,
                                       @Nullable SlowQueueRefusals slowQueueRefusals) {
        this.experimentsForDevice = experimentsForDevice;
        this.databaseQueue = new DatabaseQueue(blocking, maxQueueWait,
                slowQueueRefusals == null ? SlowQueueRefusals.NONE : slowQueueRefusals);
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<String>> experiments(
            @Header(DeviceHeaders.DEVICE_TOKEN) @Nullable String deviceToken, HttpHeaders headers) {
        DeviceToken token = DeviceHeaders.token(deviceToken);
        DeviceHeaders.check(headers);
        Optional<List<Assignment>> remembered = experimentsForDevice.fromMemory(token);
        if (remembered.isPresent()) {
            return CompletableFuture.completedFuture(answer(remembered.get()));
        }
        DeviceAttributes attributes = DeviceHeaders.attributes(headers);
        return databaseQueue.submit(() -> answer(experimentsForDevice.experimentsFor(token, attributes)));
    }

    private static HttpResponse<String> answer(List<Assignment> assignments) {
        return HttpResponse.ok(FlatJson.of(assignments))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
