package dev.abkit.stats;

import dev.abkit.core.AbKit;
import dev.abkit.core.audit.Actor;
import dev.abkit.core.audit.AuditAction;
import dev.abkit.core.audit.AuditEntry;
import dev.abkit.core.audit.Snapshot;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.auth.Role;
import dev.abkit.core.auth.TokenName;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.port.in.NewExperiment;
import dev.abkit.core.port.in.ReadAudit;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The results page's list of an experiment's changes: made through the core under a token's name, read back from
 * the audit trail oldest first with who, what and a line on what changed; not shown to a role that may not read
 * the trail; and a change's row (its summary line is the core's, {@code ChangeSummaryTest}).
 */
@MicronautTest
class ResultsPageChangesTest {

    static final Principal EDITOR = new Principal(Optional.empty(), TokenName.of("eddie"), Role.EDITOR);
    static final Principal QA = new Principal(Optional.empty(), TokenName.of("quinn"), Role.QA);

    @Inject
    AbKit abkit;

    @Inject
    ReadAudit audit;

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void the_page_lists_each_change_oldest_first_with_who_made_it_and_what_changed() {
        ExperimentKey key = ExperimentKey.of("audited_page");
        abkit.createExperiment().create(EDITOR, new NewExperiment(key, List.of(Option.of("A", 50), Option.of("B", 50))));
        abkit.overrideDevices().put(QA, key, DeviceToken.of("qa-phone"), "B");
        abkit.stopExperiment().stop(EDITOR, key);

        Document page = Jsoup.parse(client.toBlocking().retrieve(WithAdminToken.get(ResultsPage.path(key.value()))));

        assertThat(page.select("table.changes tr.change .when").eachText())
                .containsOnly("2026-11-26 10:15:30 UTC");
        assertThat(page.select("table.changes tr.change .who").eachText())
                .containsExactly("eddie editor", "quinn qa", "eddie editor");
        assertThat(page.select("table.changes tr.change .action").eachText())
                .containsExactly("experiment.created", "override.set", "experiment.stopped");
        assertThat(page.select("table.changes tr.change .what").eachText())
                .containsExactly("created as RUNNING", "device qa-phone gets B", "status RUNNING → STOPPED");
    }

    @Test
    void an_experiment_without_recorded_changes_says_so_and_a_role_without_the_trail_sees_none() {
        Document page = Jsoup.parse(client.toBlocking().retrieve(WithAdminToken.get(ResultsPage.path("price"))));

        assertThat(page.selectFirst("section.changes .no-changes").text()).isEqualTo("No change recorded.");
        assertThat(ChangeHistory.read(audit, QA, ExperimentKey.of("price"))).isNull();
    }

    @Test
    void a_change_is_shown_with_its_time_in_utc_its_actor_its_action_and_the_cores_summary() {
        AuditEntry removed = new AuditEntry(Instant.parse("2026-11-26T10:15:30Z"), Actor.SCHEDULER,
                AuditAction.OVERRIDE_REMOVED, Optional.of(ExperimentKey.of("k")),
                Optional.of(new Snapshot(Map.of("deviceToken", "qa-phone"))), Optional.empty());

        assertThat(ChangeHistory.change(removed)).isEqualTo(new ChangeHistory.Change("2026-11-26 10:15:30 UTC",
                "scheduler", "system", "override.removed", "device qa-phone back to its own assignment"));
    }
}
