package dev.abkit.console;

import dev.abkit.core.AbKit;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.auth.Role;
import dev.abkit.core.model.Coverage;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.port.in.ExperimentChanges;
import dev.abkit.core.port.in.NewExperiment;
import dev.abkit.core.service.TokenService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.abkit.console.ConsoleClient.page;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An experiment's history page over real HTTP, on the in-memory core: its changes from the audit trail, oldest first,
 * with who made each and what it changed, a page at a time; for the roles that may read the trail only. Each test
 * uses keys of its own: the core is shared by the class.
 */
@MicronautTest
class HistoryTest {

    @Inject
    EmbeddedServer server;

    @Inject
    AbKit abkit;

    @Inject
    TokenService tokens;

    private ConsoleClient as(String name, Role role) {
        return ConsoleClient.as(server, tokens, name, role);
    }

    private static ExperimentKey draft(ConsoleClient console, String key) {
        HttpResponse<String> created = console.postWithCheckField(Paths.EXPERIMENTS, Map.of("key", key, "rows", "6",
                ExperimentForm.value(0), "a", ExperimentForm.weight(0), "1", ExperimentForm.value(1), "b",
                ExperimentForm.weight(1), "1"));
        assertThat(created.statusCode()).isEqualTo(303);
        return ExperimentKey.of(key);
    }

    @Test
    void an_admin_sees_each_change_oldest_first_with_who_made_it_and_what_it_changed() {
        ConsoleClient admin = ConsoleClient.admin(server);
        draft(admin, "told");
        assertThat(admin.postWithCheckField("/admin/experiments/told/start", Map.of()).statusCode()).isEqualTo(303);
        ConsoleClient editor = as("eddie", Role.EDITOR);
        assertThat(editor.postWithCheckField("/admin/experiments/told/edit", Map.of("coverage", "40")).statusCode())
                .isEqualTo(303);

        Document page = page(admin.get("/admin/experiments/told/history"));

        assertThat(page.selectFirst("h1").text()).isEqualTo("History of told");
        assertThat(page.select("tr.change .who").eachText())
                .containsExactly("bootstrap admin", "bootstrap admin", "eddie editor");
        assertThat(page.select("tr.change .action").eachText())
                .containsExactly("experiment.created", "experiment.started", "experiment.updated");
        List<String> what = page.select("tr.change .what").eachText();
        assertThat(what.get(0)).isEqualTo("created as DRAFT");
        assertThat(what.get(1)).startsWith("status DRAFT → RUNNING");
        assertThat(what.get(2)).contains("coverage 100 → 40");
        assertThat(page.select("tr.change .when").eachText()).allMatch(at -> at.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC"));
        assertThat(page.select("a.later, a.first")).as("one page holds them all").isEmpty();
        assertThat(page.selectFirst("a.experiment").attr("href")).isEqualTo("/admin/experiments/told");
        assertThat(page(admin.get("/admin/experiments/told")).selectFirst("a.history").attr("href"))
                .isEqualTo("/admin/experiments/told/history");
    }

    @Test
    void an_analyst_reads_it_and_an_editor_is_refused_before_the_key_is_looked_up() {
        draft(ConsoleClient.admin(server), "read_by_whom");
        ConsoleClient analyst = as("ana", Role.ANALYST);
        ConsoleClient editor = as("edna", Role.EDITOR);

        Document analysts = page(analyst.get("/admin/experiments/read_by_whom/history"));
        HttpResponse<String> editors = editor.get("/admin/experiments/read_by_whom/history");

        assertThat(analysts.select("tr.change .action").eachText()).containsExactly("experiment.created");
        assertThat(page(analyst.get("/admin/experiments/read_by_whom")).select("a.history")).hasSize(1);
        assertThat(editors.statusCode()).isEqualTo(403);
        assertThat(page(editors).selectFirst(".problem").text()).contains("read_audit").contains("has the role editor");
        assertThat(editor.get("/admin/experiments/nothing_here/history").statusCode())
                .as("refused before the key is looked up: no telling which keys exist").isEqualTo(403);
        assertThat(page(editor.get("/admin/experiments/read_by_whom")).select("a.history")).isEmpty();
        assertThat(as("quentin", Role.QA).get("/admin/experiments/read_by_whom/history").statusCode()).isEqualTo(403);
    }

    @Test
    void an_unknown_key_is_a_404_page_and_an_experiment_without_changes_says_so() {
        ConsoleClient admin = ConsoleClient.admin(server);

        HttpResponse<String> unknown = admin.get("/admin/experiments/nothing_here/history");
        HttpResponse<String> notAKey = admin.get("/admin/experiments/NOT-A-KEY/history");
        Document shipped = page(admin.get("/admin/experiments/price/history"));

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(page(unknown).selectFirst("h1").text()).isEqualTo("No such experiment");
        assertThat(notAKey.statusCode()).isEqualTo(404);
        assertThat(shipped.selectFirst("td.empty").text()).as("shipped by the migration, with no entry")
                .isEqualTo("No change recorded.");
        assertThat(admin.get("/admin/experiments/price/history?after=soon").statusCode()).isEqualTo(400);
    }

    @Test
    void more_changes_than_a_page_are_paged_on_with_the_trails_cursor_in_the_trails_order() {
        ExperimentKey key = abkit.createExperiment().create(Principal.bootstrap(), new NewExperiment(
                ExperimentKey.of("long_story"), List.of(Option.of("a", 1)), true, null, null, null)).key();
        int edits = HistoryController.PAGE + 5;
        for (int i = 1; i <= edits; i++) {
            abkit.editExperiment().edit(Principal.bootstrap(), key, ExperimentChanges.none()
                    .withCoverage(Coverage.percent(String.valueOf(i))));
        }
        ConsoleClient admin = ConsoleClient.admin(server);

        Document first = page(admin.get("/admin/experiments/long_story/history"));
        Element later = first.selectFirst("a.later");
        Document second = page(admin.get(later.attr("href")));

        List<String> whats = new ArrayList<>(first.select("tr.change .what").eachText());
        assertThat(whats).hasSize(HistoryController.PAGE);
        assertThat(whats.get(0)).isEqualTo("created as DRAFT");
        assertThat(whats.get(1)).isEqualTo("coverage 100 → 1");
        assertThat(first.select("a.first")).isEmpty();
        assertThat(later.attr("href")).startsWith("/admin/experiments/long_story/history?after=");
        whats.addAll(second.select("tr.change .what").eachText());
        assertThat(whats).as("every change once, in order").hasSize(edits + 1)
                .endsWith("coverage " + (edits - 1) + " → " + edits);
        assertThat(second.select("a.later")).as("the last page").isEmpty();
        assertThat(second.selectFirst("a.first").attr("href")).isEqualTo("/admin/experiments/long_story/history");
    }
}
