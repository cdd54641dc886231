package dev.abkit.stats;

import dev.abkit.core.auth.Principal;
import dev.abkit.core.AbKit;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.port.in.ExperimentStatistics;
import dev.abkit.core.port.in.NewExperiment;
import dev.abkit.core.port.in.StatisticsReport;
import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test but a measurement, run on demand (its name keeps it out of the default test run): how long the page and the JSON take for a report with
 * many experiments, apart from the counting (the in-memory core counts as devices register, so its
 * report costs next to nothing). Run:
 * {@code mvn -B -q -pl ab-stats-web -am verify -Dtest=StatsPageTiming -Dsurefire.failIfNoSpecifiedTests=false}
 * and read target/surefire-reports/dev.abkit.stats.StatsPageTiming-output.txt. Numbers go to
 * docs/performance.md.
 */
@MicronautTest
class StatsPageTiming {

    static final int DEVICES = 2_000;

    @Inject
    AbKit abkit;

    @Inject
    ExperimentStatistics statistics;

    @Inject
    ThymeleafViewsRenderer<StatsPage> renderer;

    @Inject
    JsonMapper json;

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void render_and_serve_small_medium_and_large_reports() {
        ReceivedOptions.enroll(abkit, "timing-device-", DEVICES);
        measure(300);
        growTo(20, 5);
        measure(300);
        growTo(100, 20);
        measure(100);
    }

    /** More experiments, each with {@code options} options of weights 1 to 5, and as many devices again. */
    private void growTo(int experiments, int options) {
        for (int e = statistics.report().experiments().size(); e < experiments; e++) {
            List<Option> values = new ArrayList<>();
            for (int o = 0; o < options; o++) {
                values.add(Option.of("variant_" + o, (o % 5) + 1));
            }
            abkit.createExperiment().create(Principal.bootstrap(), new NewExperiment(ExperimentKey.of("experiment_" + e), values));
        }
        ReceivedOptions.enroll(abkit, "timing-device-" + experiments + "-", DEVICES);
        assertThat(statistics.report().experiments()).hasSize(experiments);
    }

    private void measure(int runs) {
        StatisticsReport report = statistics.report();
        int rows = report.experiments().stream().mapToInt(experiment -> experiment.options().size()).sum();
        System.out.printf(Locale.ROOT, "%n%d experiments, %d option rows, %d devices; html %,d bytes, json %,d bytes%n",
                report.experiments().size(), rows, report.devices(), render(report).length(), writeJson(report).length());

        print("report only (in-memory core)", runs, () -> statistics.report());
        print("page: view model + Thymeleaf render", runs, () -> render(report));
        print("json: DTO + serialisation", runs, () -> writeJson(report));
        BlockingHttpClient http = client.toBlocking();
        print("GET /stats over loopback", runs, () -> http.retrieve(WithAdminToken.get("/stats"), String.class));
        print("GET /api/v1/stats over loopback", runs, () -> http.retrieve(WithAdminToken.get("/api/v1/stats"), String.class));
    }

    private String render(StatisticsReport report) {
        try {
            Writable writable = renderer.render("stats", StatsPage.from(report), HttpRequest.GET("/stats"));
            StringWriter html = new StringWriter();
            writable.writeTo(html);
            return html.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String writeJson(StatisticsReport report) {
        try {
            return json.writeValueAsString(StatsResponse.from(report));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Warms up with as many runs as it then measures; prints the median and the 99th percentile. */
    private static void print(String what, int runs, Runnable work) {
        for (int i = 0; i < runs; i++) {
            work.run();
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-40s median %7.3f ms   p99 %7.3f ms   (%d runs)%n", what,
                nanos[runs / 2] / 1e6, nanos[(int) (runs * 0.99)] / 1e6, runs);
    }
}
