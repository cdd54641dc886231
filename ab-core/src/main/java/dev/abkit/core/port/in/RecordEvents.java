package dev.abkit.core.port.in;

import dev.abkit.core.event.EventBatch;

/** Takes the events a device reports (issue 14): each stored once, whatever the retries. */
public interface RecordEvents {

    /**
     * @throws dev.abkit.core.error.UnknownDeviceException if the batch's device was never seen
     */
    Ingested record(EventBatch batch);
}
