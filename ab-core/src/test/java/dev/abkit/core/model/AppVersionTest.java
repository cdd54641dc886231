package dev.abkit.core.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Semantic versions as semver.org 2.0.0 defines them, and their precedence. */
class AppVersionTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.4", "1.2.3", "10.20.30", "1.1.2-prerelease+meta", "1.1.2+meta", "1.1.2+meta-valid",
            "1.0.0-alpha", "1.0.0-beta", "1.0.0-alpha.beta", "1.0.0-alpha.beta.1", "1.0.0-alpha.1",
            "1.0.0-alpha0.valid", "1.0.0-alpha.0valid", "1.0.0-alpha-a.b-c-somethinglong+build.1-aef.1-its-okay",
            "1.0.0-rc.1+build.1", "2.0.0-rc.1+build.123", "1.2.3-beta", "10.2.3-DEV-SNAPSHOT", "1.2.3-SNAPSHOT-123",
            "2.0.0+build.1848", "2.0.1-alpha.1227", "1.0.0-alpha+beta", "1.2.3----RC-SNAPSHOT.12.9.1--.12+788",
            "1.2.3----R-S.12.9.1--.12+meta", "1.2.3----RC-SNAPSHOT.12.9.1--.12", "1.0.0+0.build.1-rc.10000aaa-kk-0.1",
            "99999999999999999999999.999999999999999999.99999999999999999", "1.0.0-0A.is.legal", "1.0.0+001"})
    void the_valid_examples_of_semver_org_are_accepted_as_sent(String version) {
        assertThat(AppVersion.problemWith(version)).isNull();
        assertThat(AppVersion.of(version).value()).isEqualTo(version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.2", "1.2.3-0123", "1.2.3-0123.0123", "1.1.2+.123", "+invalid", "-invalid",
            "-invalid+invalid", "-invalid.01", "alpha", "alpha.beta", "alpha.beta.1", "alpha.1", "alpha+beta",
            "alpha_beta", "alpha.", "alpha..", "beta", "1.0.0-alpha_beta", "-alpha.", "1.0.0-alpha..", "1.0.0-alpha..1",
            "1.0.0-alpha...1", "1.0.0-alpha....1", "1.0.0-alpha.....1", "1.0.0-alpha......1", "1.0.0-alpha.......1",
            "01.1.1", "1.01.1", "1.1.01", "1.2.3.DEV", "1.2-SNAPSHOT", "1.2.31.2.3----RC-SNAPSHOT.12.09.1--..12+788",
            "1.2-RC-SNAPSHOT", "-1.0.3-gamma+b7718", "+justmeta", "9.8.7+meta+meta", "9.8.7-whatever+meta+meta",
            "v1.2.3", "1.2.3 ", " 1.2.3", "1.2.3-", "1.2.3+", "1.2.3-ü", "１.2.3"})
    void the_invalid_examples_of_semver_org_and_a_leading_v_are_refused_with_an_example(String version) {
        assertThat(AppVersion.problemWith(version)).contains("semantic version").contains("2.3.0");
        assertThatThrownBy(() -> AppVersion.of(version)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MAJOR.MINOR.PATCH");
    }

    @Test
    void empty_missing_and_overlong_versions_are_refused() {
        assertThatThrownBy(() -> AppVersion.of("")).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> AppVersion.of(null)).hasMessageContaining("must not be empty");
        String longest = "1.0.0-" + "a".repeat(AppVersion.MAX_LENGTH - 6);
        assertThat(AppVersion.of(longest).value()).hasSize(100);
        assertThatThrownBy(() -> AppVersion.of(longest + "a")).hasMessage("app version must be at most 100 characters (got 101)");
    }

    /** Semver 11: "1.0.0 < 2.0.0 < 2.1.0 < 2.1.1" and the pre-release chain of 11.4.4, in order. */
    @Test
    void precedence_follows_the_examples_of_semver_org() {
        List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1", "2.1.10", "10.0.0");
        for (int i = 0; i < ordered.size(); i++) {
            for (int j = 0; j < ordered.size(); j++) {
                assertThat(Integer.signum(AppVersion.of(ordered.get(i)).compareTo(AppVersion.of(ordered.get(j)))))
                        .as("%s against %s", ordered.get(i), ordered.get(j)).isEqualTo(Integer.compare(i, j));
            }
        }
        List<AppVersion> shuffled = new ArrayList<>(ordered.stream().map(AppVersion::of).toList());
        Collections.shuffle(shuffled, new Random(7));
        Collections.sort(shuffled);
        assertThat(shuffled).extracting(AppVersion::value).containsExactlyElementsOf(ordered);
    }

    @Test
    void numbers_compare_numerically_also_beyond_a_long() {
        assertThat(AppVersion.of("2.10.0")).isGreaterThan(AppVersion.of("2.9.0"));
        assertThat(AppVersion.of("1.0.0-rc.10")).isGreaterThan(AppVersion.of("1.0.0-rc.9"));
        assertThat(AppVersion.of("99999999999999999999.0.0")).isGreaterThan(AppVersion.of("9999999999999999999.0.0"));
        assertThat(AppVersion.of("1.0.0-1")).as("numeric below alphanumeric").isLessThan(AppVersion.of("1.0.0-a"));
        assertThat(AppVersion.of("1.0.0-B")).as("ASCII order: upper case first").isLessThan(AppVersion.of("1.0.0-a"));
        assertThat(AppVersion.of("1.0.0-a")).isLessThan(AppVersion.of("1.0.0-ab"));
        assertThat(AppVersion.of("1.0.0-a.b")).as("identifier by identifier: a before a-b")
                .isLessThan(AppVersion.of("1.0.0-a-b"));
    }

    @Test
    void build_metadata_does_not_count_for_precedence_but_for_equality() {
        AppVersion a = AppVersion.of("1.0.0+a");
        AppVersion b = AppVersion.of("1.0.0+b");

        assertThat(a.compareTo(b)).isZero();
        assertThat(a.compareTo(AppVersion.of("1.0.0"))).isZero();
        assertThat(AppVersion.of("1.0.0-rc.1+x").compareTo(AppVersion.of("1.0.0-rc.1"))).isZero();
        assertThat(a).isNotEqualTo(b);
        assertThat(AppVersion.of("1.0.0-rc.1+x")).isLessThan(AppVersion.of("1.0.0+x"));
    }
}
