package dev.abkit.persistence;

import dev.abkit.core.contract.EventStoragePorts;
import dev.abkit.core.contract.EventStoreContract;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The event store as {@link EventStoreContract} runs it: its devices live at the contract's NOW (June 2026),
 * and its requests are received 20 days after that, so the store's clock (receipt times, retention) reads
 * that too rather than today's date, which would put every event it is asked about past the retention.
 */
final class ContractTime {

    private ContractTime() {
    }

    static EventRetention retention(Instant contractNow) {
        return new EventRetention(EventRetention.DEFAULT,
                Clock.fixed(contractNow.plus(Duration.ofDays(20)), ZoneOffset.UTC));
    }

    static EventStoragePorts ports(Instance instance) {
        return new EventStoragePorts(instance.storage().experiments(), instance.storage().devices(),
                instance.storage().eventStore());
    }
}
