package dev.abkit.core.audit;

import dev.abkit.core.model.ExperimentKey;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The line that says what an audit entry changed, for each kind of entry. */
class ChangeSummaryTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:15:30Z");
    private static final Optional<ExperimentKey> KEY = Optional.of(ExperimentKey.of("k"));

    private static AuditEntry entry(AuditAction action, Map<String, ?> before, Map<String, ?> after) {
        return new AuditEntry(AT, new Actor("eddie", "editor"), action, KEY,
                Optional.ofNullable(before).map(Snapshot::new), Optional.ofNullable(after).map(Snapshot::new));
    }

    @Test
    void a_change_is_summed_up_by_the_plain_members_that_differ_and_the_names_of_lists_and_objects() {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("key", "k");
        before.put("status", "SCHEDULED");
        before.put("endAt", null);
        before.put("coverage", 100L);
        before.put("options", List.of(Map.of("value", "A", "weight", 1L)));
        Map<String, Object> after = new LinkedHashMap<>(before);
        after.put("endAt", "2026-12-24T18:00:00Z");
        after.put("coverage", new BigDecimal("33.33"));
        after.put("options", List.of(Map.of("value", "A", "weight", 2L)));

        assertThat(ChangeSummary.of(entry(AuditAction.EXPERIMENT_UPDATED, before, after)))
                .isEqualTo("endAt none → 2026-12-24T18:00:00Z; coverage 100 → 33.33; options changed");
        assertThat(ChangeSummary.of(entry(AuditAction.EXPERIMENT_UPDATED, before, before))).isEqualTo("nothing changed");
    }

    @Test
    void a_creation_says_what_it_made_and_an_override_which_device_gets_what() {
        assertThat(ChangeSummary.of(entry(AuditAction.EXPERIMENT_CREATED, null, Map.of("key", "k", "status", "DRAFT"))))
                .isEqualTo("created as DRAFT");
        assertThat(ChangeSummary.of(entry(AuditAction.OVERRIDE_SET, null, Map.of("deviceToken", "qa-phone", "value", "B"))))
                .isEqualTo("device qa-phone gets B");
        assertThat(ChangeSummary.of(entry(AuditAction.OVERRIDE_SET, Map.of("deviceToken", "qa-phone", "value", "A"),
                Map.of("deviceToken", "qa-phone", "value", "B")))).isEqualTo("device qa-phone gets B instead of A");
        assertThat(ChangeSummary.of(entry(AuditAction.OVERRIDE_REMOVED, Map.of("deviceToken", "qa-phone"), null)))
                .isEqualTo("device qa-phone back to its own assignment");
    }
}
