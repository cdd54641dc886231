package dev.abkit.core.audit;

import dev.abkit.core.model.ExperimentKey;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An audit entry cannot be made inconsistent, and a snapshot holds JSON's kinds of value only, one form each. */
class AuditValuesTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Actor ALICE = new Actor("alice", "editor");
    private static final Optional<ExperimentKey> CHECKOUT = Optional.of(ExperimentKey.of("checkout"));
    private static final Optional<Snapshot> SOME = Optional.of(new Snapshot(Map.of("status", "DRAFT")));

    @Test
    void an_entry_names_its_experiment_exactly_when_its_action_concerns_one() {
        assertThatThrownBy(() -> new AuditEntry(NOW, ALICE, AuditAction.EXPERIMENT_STOPPED, Optional.empty(), SOME, SOME))
                .hasMessageContaining("names its experiment");
        assertThatThrownBy(() -> new AuditEntry(NOW, ALICE, AuditAction.TOKEN_REVOKED, CHECKOUT, SOME, SOME))
                .hasMessageContaining("names no experiment");
    }

    @Test
    void a_creation_shows_no_before_a_removal_no_after_and_a_change_both() {
        assertThatThrownBy(() -> new AuditEntry(NOW, ALICE, AuditAction.EXPERIMENT_CREATED, CHECKOUT, SOME, SOME))
                .hasMessageContaining("experiment.created has no before");
        assertThatThrownBy(() -> new AuditEntry(NOW, ALICE, AuditAction.EXPERIMENT_STARTED, CHECKOUT, Optional.empty(), SOME))
                .hasMessageContaining("experiment.started needs a before");
        assertThatThrownBy(() -> new AuditEntry(NOW, ALICE, AuditAction.OVERRIDE_REMOVED, CHECKOUT, SOME, SOME))
                .hasMessageContaining("override.removed has no after");
        assertThatThrownBy(() -> new AuditEntry(NOW, ALICE, AuditAction.TOKEN_CREATED, Optional.empty(), Optional.empty(),
                Optional.empty())).hasMessageContaining("token.created needs an after");
        // an override set on a device that had none has no before; one set over another has one
        assertThat(new AuditEntry(NOW, ALICE, AuditAction.OVERRIDE_SET, CHECKOUT, Optional.empty(), SOME).before()).isEmpty();
        assertThat(new AuditEntry(NOW, ALICE, AuditAction.OVERRIDE_SET, CHECKOUT, SOME, SOME).before()).isPresent();
    }

    @Test
    void actions_have_the_wire_names_issue_15_pins() {
        assertThat(List.of(AuditAction.values())).extracting(AuditAction::wireName).containsExactly(
                "experiment.created", "experiment.updated", "experiment.scheduled", "experiment.started",
                "experiment.closed", "experiment.stopped", "override.set", "override.removed", "token.created",
                "token.revoked");
        assertThat(AuditAction.of("override.set")).isEqualTo(AuditAction.OVERRIDE_SET);
        assertThatThrownBy(() -> AuditAction.of("experiment.deleted")).hasMessageContaining("must be one of");
    }

    @Test
    void numbers_have_one_form_so_that_a_tree_read_back_equals_the_one_written() {
        Snapshot snapshot = new Snapshot(Map.of("whole", new BigDecimal("100.00"), "int", 7, "part", new BigDecimal("33.330"),
                "zero", new BigDecimal("0.000"), "big", new BigDecimal("1E+20")));

        assertThat(snapshot.members()).containsEntry("whole", 100L).containsEntry("int", 7L)
                .containsEntry("part", new BigDecimal("33.33")).containsEntry("zero", 0L)
                .containsEntry("big", new BigDecimal("100000000000000000000"));
        assertThat(snapshot).isEqualTo(new Snapshot(Map.of("whole", 100L, "int", 7L, "part", new BigDecimal("33.33"),
                "zero", 0, "big", new BigDecimal("100000000000000000000"))));
    }

    @Test
    void a_snapshot_holds_json_values_only_and_cannot_be_changed_afterwards() {
        assertThatThrownBy(() -> new Snapshot(Map.of("at", NOW))).hasMessageContaining("holds no Instant (at at)");
        assertThatThrownBy(() -> new Snapshot(Map.of("nested", Map.of("deep", List.of(1.5d)))))
                .hasMessageContaining("nested.deep[0]");
        Map<Object, Object> numbered = new HashMap<>();
        numbered.put(1, "one");
        assertThatThrownBy(() -> new Snapshot(cast(numbered))).hasMessageContaining("member names are strings");

        List<Object> options = new ArrayList<>(List.of("a"));
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("options", options);
        members.put("audience", null);
        Snapshot snapshot = new Snapshot(members);
        options.add("b");
        members.put("later", true);

        assertThat(snapshot.members()).containsExactly(entry("options", List.of("a")), entry("audience", null));
        assertThatThrownBy(() -> snapshot.members().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> cast(snapshot.members().get("options")).add("c"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static Map.Entry<String, Object> entry(String key, Object value) {
        return new AbstractMap.SimpleEntry<>(key, value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> cast(Object list) {
        return (List<Object>) list;
    }
}
