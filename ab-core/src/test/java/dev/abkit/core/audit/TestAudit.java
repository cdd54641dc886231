package dev.abkit.core.audit;

import dev.abkit.core.auth.PersonalToken;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.auth.TokenId;
import dev.abkit.core.model.DeviceOverride;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.out.Experiments;
import dev.abkit.core.port.out.Tokens;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Audit entries for tests that change a store directly, as the use cases would make them: each names the
 * change it goes with. The tests of the trail itself (the contracts' audit cases) check what is kept.
 */
public final class TestAudit {

    /** The actor of the tests' changes: the bootstrap admin, as an embedding service without tokens would be. */
    public static final Principal ADMIN = Principal.bootstrap();
    public static final Actor TESTER = Actor.of(ADMIN);

    private TestAudit() {
    }

    /** {@code store}'s changes, each made with the entry a use case would give it. */
    public static AuditedExperiments audited(Experiments store) {
        return new AuditedExperiments(store);
    }

    /** {@code store}'s changes, each made with the entry a use case would give it. */
    public static AuditedTokens audited(Tokens store) {
        return new AuditedTokens(store);
    }

    public record AuditedExperiments(Experiments store) {

        public void add(Experiment experiment) {
            store.add(experiment, created(experiment));
        }

        public boolean replace(Experiment expected, Experiment changed) {
            return store.replace(expected, changed, changed(expected, changed));
        }

        /** In place of the device's override as read now, as the use case does. */
        public void putOverride(DeviceOverride override) {
            if (!store.putOverride(kept(override.experiment(), override.device()), override, overrideSet(override))) {
                throw new IllegalStateException("the device's override changed between the read and the put");
            }
        }

        /** The device's override as read now, if any; none removed (false) if there is none. */
        public boolean removeOverride(ExperimentKey experiment, DeviceToken device) {
            DeviceOverride expected = kept(experiment, device)
                    .orElse(new DeviceOverride(experiment, device, "no override kept", Instant.EPOCH));
            return store.removeOverride(expected, overrideRemoved(experiment, device));
        }

        private Optional<DeviceOverride> kept(ExperimentKey experiment, DeviceToken device) {
            return store.overrides().stream()
                    .filter(override -> override.experiment().equals(experiment) && override.device().equals(device))
                    .findFirst();
        }
    }

    public record AuditedTokens(Tokens store) {

        public void add(PersonalToken token) {
            store.add(token, tokenCreated(token));
        }

        public Optional<PersonalToken> revoke(TokenId id, Instant at) {
            return store.revoke(id, at, tokenRevoked(id, at));
        }
    }

    public static AuditEntry created(Experiment experiment) {
        return AuditEntry.ofExperiment(experiment.createdAt(), TESTER, AuditAction.EXPERIMENT_CREATED, Optional.empty(),
                experiment);
    }

    /** A change from {@code before} to {@code after}, recorded as the action that reaches its status, or an update. */
    public static AuditEntry changed(Experiment before, Experiment after) {
        AuditAction action = after.status() == before.status() || after.status().isBeforeStart()
                ? AuditAction.EXPERIMENT_UPDATED : AuditAction.reaching(after.status());
        return AuditEntry.ofExperiment(Instant.now(), TESTER, action, Optional.of(before), after);
    }

    public static AuditEntry overrideSet(DeviceOverride override) {
        return new AuditEntry(override.createdAt(), TESTER, AuditAction.OVERRIDE_SET, Optional.of(override.experiment()),
                Optional.empty(), Optional.of(Snapshots.of(override)));
    }

    public static AuditEntry overrideRemoved(ExperimentKey experiment, DeviceToken device) {
        return new AuditEntry(Instant.now(), TESTER, AuditAction.OVERRIDE_REMOVED, Optional.of(experiment),
                Optional.of(new Snapshot(Map.of("deviceToken", device.value()))), Optional.empty());
    }

    public static AuditEntry tokenCreated(PersonalToken token) {
        return new AuditEntry(token.createdAt(), TESTER, AuditAction.TOKEN_CREATED, Optional.empty(), Optional.empty(),
                Optional.of(Snapshots.of(token)));
    }

    public static AuditEntry tokenRevoked(TokenId id, Instant at) {
        Snapshot token = new Snapshot(Map.of("id", id.toString()));
        return new AuditEntry(at, TESTER, AuditAction.TOKEN_REVOKED, Optional.empty(), Optional.of(token),
                Optional.of(token));
    }
}
