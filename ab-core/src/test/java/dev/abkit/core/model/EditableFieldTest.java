package dev.abkit.core.model;

import dev.abkit.core.port.in.ExperimentChanges;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an edit may change in each status, status by status: written out rather than derived, so that a change of
 * the table shows (the edit itself obeys it: {@code LifecycleTransitionsTest} pins the edit's outcomes).
 */
class EditableFieldTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "DRAFT,     OPTIONS AUDIENCE START_AT COVERAGE END",
            "SCHEDULED, COVERAGE END",
            "RUNNING,   COVERAGE END",
            "CLOSED,    END",
            "STOPPED,   ''",
    })
    void each_status_lets_exactly_these_fields_change(ExperimentStatus status, String fields) {
        Set<EditableField> expected = fields.isBlank() ? EnumSet.noneOf(EditableField.class)
                : Arrays.stream(fields.split(" ")).map(EditableField::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(EditableField.class)));

        assertThat(EditableField.in(status)).containsExactlyInAnyOrderElementsOf(expected);
        for (EditableField field : EditableField.values()) {
            assertThat(field.changesIn(status)).as(field + " in " + status).isEqualTo(expected.contains(field));
        }
    }

    @Test
    void the_table_covers_every_status() {
        assertThat(Arrays.stream(ExperimentStatus.values()).filter(status -> EditableField.in(status).isEmpty()))
                .as("only a stopped experiment is final").containsExactly(ExperimentStatus.STOPPED);
    }

    @Test
    void changes_name_the_fields_they_set_an_end_or_its_action_being_the_end() {
        ExperimentChanges none = ExperimentChanges.none();

        assertThat(none.fields()).isEmpty();
        assertThat(none.withEndAt(null).fields()).as("removing the end sets it").containsExactly(EditableField.END);
        assertThat(none.withEndAction(EndAction.CLOSE).fields()).containsExactly(EditableField.END);
        assertThat(none.withOptions(List.of(Option.of("a", 1))).withAudience(null)
                .withStartAt(Instant.parse("2030-01-01T00:00:00Z")).withCoverage(Coverage.FULL)
                .withEndAt(Instant.parse("2030-02-01T00:00:00Z")).withEndAction(EndAction.STOP).fields())
                .containsExactly(EditableField.values());
    }
}
