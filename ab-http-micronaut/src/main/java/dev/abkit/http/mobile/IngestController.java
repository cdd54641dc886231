package dev.abkit.http.mobile;

import dev.abkit.core.event.EventBatch;
import dev.abkit.core.event.ExposureBatch;
import dev.abkit.core.event.Receipt;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.port.in.Ingested;
import dev.abkit.core.port.in.RecordEvents;
import dev.abkit.core.port.in.RecordExposures;
import dev.abkit.http.json.Instants;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * {@code POST /api/v1/events} and {@code POST /api/v1/exposures}: what a device reports, answered 202
 * {@code {"accepted": n, "duplicates": m}}. The request is timed on arrival ({@link Receipt}, with the
 * client's {@code Sent-At} header if it sent one) and validated whole on the event loop; only a valid
 * batch goes to the use case, on the blocking executor behind the same {@link DatabaseQueue} rules as the
 * experiments call (503 with Retry-After when no thread starts it in time or the queue is full).
 */
@Controller("/api/v1")
public class IngestController {

    static final String SENT_AT = "Sent-At";

    private final RecordEvents recordEvents;
    private final RecordExposures recordExposures;
    private final DatabaseQueue databaseQueue;
    private final Clock clock = Clock.systemUTC();

    public IngestController(RecordEvents recordEvents, RecordExposures recordExposures,
                            @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
                            @Value("${abkit.max-queue-wait:2s}") Duration maxQueueWait,
                            @Nullable SlowQueueRefusals slowQueueRefusals) {
        this.recordEvents = recordEvents;
        this.recordExposures = recordExposures;
        this.databaseQueue = new DatabaseQueue(blocking, maxQueueWait,
                slowQueueRefusals == null ? SlowQueueRefusals.NONE : slowQueueRefusals);
    }

    @Post(uri = "/events", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<IngestedJson>> events(
            @Header(DeviceHeaders.DEVICE_TOKEN) @Nullable String deviceToken, @Header(SENT_AT) @Nullable String sentAt,
            @Body EventsJson body) {
        DeviceToken device = DeviceHeaders.token(deviceToken);
        EventBatch batch = body.toDomain(device, receipt(sentAt));
        return accepted(() -> recordEvents.record(batch));
    }

    @Post(uri = "/exposures", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<IngestedJson>> exposures(
            @Header(DeviceHeaders.DEVICE_TOKEN) @Nullable String deviceToken, @Header(SENT_AT) @Nullable String sentAt,
            @Body ExposuresJson body) {
        DeviceToken device = DeviceHeaders.token(deviceToken);
        ExposureBatch batch = body.toDomain(device, receipt(sentAt));
        return accepted(() -> recordExposures.record(batch));
    }

    /** Now, to the microsecond the databases keep, and the client's clock when it sent the request. */
    private Receipt receipt(String sentAt) {
        return new Receipt(clock.instant().truncatedTo(ChronoUnit.MICROS), Instants.parse(SENT_AT, sentAt));
    }

    private CompletableFuture<HttpResponse<IngestedJson>> accepted(Supplier<Ingested> record) {
        return databaseQueue.submit(() -> HttpResponse.<IngestedJson>status(HttpStatus.ACCEPTED)
                .body(IngestedJson.from(record.get())));
    }
}
