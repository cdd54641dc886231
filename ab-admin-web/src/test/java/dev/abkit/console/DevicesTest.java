package dev.abkit.console;

import dev.abkit.core.AbKit;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.auth.Role;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.service.TokenService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static dev.abkit.console.ConsoleClient.page;
import static org.assertj.core.api.Assertions.assertThat;

/** The device lookup over real HTTP, on the in-memory core: what it shows, its errors, and who may open it. */
@MicronautTest
class DevicesTest {

    @Inject
    EmbeddedServer server;

    @Inject
    AbKit abkit;

    @Inject
    TokenService tokens;

    @Test
    void a_device_is_shown_with_what_it_holds_where_and_its_overrides() {
        abkit.experimentsForDevice().experimentsFor(DeviceToken.of("lookup-1"));
        abkit.overrideDevices().put(Principal.bootstrap(), ExperimentKey.of("price"), DeviceToken.of("lookup-1"), "50");
        ConsoleClient qa = ConsoleClient.as(server, tokens, "quentin", Role.QA);

        HttpResponse<String> response = qa.get("/admin/devices?token=lookup-1");

        assertThat(response.statusCode()).isEqualTo(200);
        Document page = page(response);
        assertThat(page.selectFirst(".token").text()).isEqualTo("lookup-1");
        assertThat(page.selectFirst(".platform").text()).isEqualTo("not sent");
        assertThat(page.select("tr.assignment").eachAttr("data-experiment")).containsExactly("button_color", "price");
        Element price = page.selectFirst("tr.assignment[data-experiment=price]");
        assertThat(price.selectFirst(".value span").text()).isEqualTo("50");
        assertThat(price.selectFirst(".value").text()).contains("override");
        assertThat(price.selectFirst(".status").text()).isEqualTo("RUNNING");
        assertThat(price.selectFirst("a").attr("href")).as("QA may not read experiments: their overrides instead")
                .isEqualTo("/admin/overrides?experiment=price");
        assertThat(page.selectFirst("tr.assignment[data-experiment=button_color] .slot").text()).matches("\\d+");
    }

    @Test
    void an_admin_is_linked_to_the_experiments_page() {
        abkit.experimentsForDevice().experimentsFor(DeviceToken.of("lookup-2"));

        Document page = page(ConsoleClient.admin(server).get("/admin/devices?token=lookup-2"));

        assertThat(page.selectFirst("tr.assignment[data-experiment=price] a").attr("href")).isEqualTo("/admin/experiments/price");
        assertThat(page.select(".top nav a").eachText()).containsExactly("Experiments", "Overrides", "Devices", "Tokens");
    }

    @Test
    void a_token_never_seen_or_malformed_is_said_next_to_the_field() {
        ConsoleClient admin = ConsoleClient.admin(server);

        HttpResponse<String> unknown = admin.get("/admin/devices?token=never-seen");
        HttpResponse<String> malformed = admin.get("/admin/devices?token=has+space");
        Document empty = page(admin.get("/admin/devices"));

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(page(unknown).selectFirst("#token-error").text()).isEqualTo("no device was ever seen with this token");
        assertThat(page(unknown).selectFirst("#token").val()).isEqualTo("never-seen");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(page(malformed).selectFirst("#token-error").text()).startsWith("device token must be visible ASCII");
        assertThat(empty.select(".error, .facts")).isEmpty();
    }

    @Test
    void an_editor_may_not_look_devices_up_and_is_not_offered_to() {
        abkit.experimentsForDevice().experimentsFor(DeviceToken.of("lookup-3"));
        ConsoleClient editor = ConsoleClient.as(server, tokens, "edna", Role.EDITOR);

        HttpResponse<String> refused = editor.get("/admin/devices?token=lookup-3");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(page(refused).selectFirst(".problem").text()).contains("look_up_devices");
        assertThat(page(refused).select(".facts")).isEmpty();
        assertThat(page(editor.get(Paths.EXPERIMENTS)).select(".top nav a").eachText()).containsExactly("Experiments", "Overrides");
    }
}
