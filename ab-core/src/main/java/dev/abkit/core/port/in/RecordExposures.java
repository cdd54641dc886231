package dev.abkit.core.port.in;

import dev.abkit.core.event.ExposureBatch;

/** Takes the exposures a device reports: the app showed it its option of an experiment. */
public interface RecordExposures {

    /**
     * @return {@code accepted}: the batch's exposures, {@code duplicates}: 0 (an exposure again is not an error;
     * the earliest per experiment is the one kept)
     * @throws dev.abkit.core.error.UnknownDeviceException if the batch's device was never seen
     * @throws dev.abkit.core.error.InvalidEventException  naming {@code exposures[i].experiment} (or
     *                                                     {@code experiment}) when no experiment has that key
     */
    Ingested record(ExposureBatch batch);
}
