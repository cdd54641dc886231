package dev.abkit.console;

import dev.abkit.core.auth.Permission;
import dev.abkit.core.auth.Principal;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The console's addresses, named once, and the redirect that follows every form (POST, then GET). */
final class Paths {

    static final String CONSOLE = "/admin";
    static final String SIGN_IN = CONSOLE + "/sign-in";
    static final String SIGN_OUT = CONSOLE + "/sign-out";
    static final String STYLESHEET = CONSOLE + "/console.css";
    static final String EXPERIMENTS = CONSOLE + "/experiments";
    static final String NEW_EXPERIMENT = EXPERIMENTS + "/new";
    static final String OVERRIDES = CONSOLE + "/overrides";
    static final String DEVICES = CONSOLE + "/devices";
    static final String TOKENS = CONSOLE + "/tokens";

    /** The query parameter of the sign-in page that says why a person was signed out. */
    static final String REASON = "reason";
    /** The query parameter of an experiment's page that says what was just done to it. */
    static final String DONE = "done";

    private Paths() {
    }

    /** An experiment key is {@code [a-z0-9_]}, safe in a path; encoded anyway for what a path variable may hold. */
    static String experiment(String key) {
        return EXPERIMENTS + "/" + encoded(key);
    }

    /** Where the schedule form of the experiment's page posts. */
    static String schedule(String key) {
        return experiment(key) + "/schedule";
    }

    /** The edit form of an experiment (of the fields its status lets change), to which it posts too. */
    static String edit(String key) {
        return experiment(key) + "/edit";
    }

    /** The page that shows a new token's secret, once. */
    static String tokenCreated(String id) {
        return TOKENS + "/" + encoded(id) + "/created";
    }

    /** The experiment's history, from the audit trail; {@code ?after=} a position pages on. */
    static String history(String key) {
        return experiment(key) + "/history";
    }

    /** The overrides page of one experiment: needs only the permission to override (QA may not read experiments). */
    static String overrides(String key) {
        return OVERRIDES + "?" + OverrideForm.EXPERIMENT + "=" + encoded(key);
    }

    /** Where the form that sets an override of the experiment posts; removing one posts to {@code .../remove}. */
    static String overridesOf(String key) {
        return OVERRIDES + "/" + encoded(key);
    }

    /** The experiment's results view, served by ab-stats-web (its counts, and its changes from the audit trail). */
    static String results(String key) {
        return "/stats/experiments/" + encoded(key) + "/results";
    }

    /** The first page of a role: the experiments, or, for QA (which may not read them), the overrides. */
    static String home(Principal principal) {
        return principal.may(Permission.READ_EXPERIMENTS) || !principal.may(Permission.OVERRIDE_DEVICES)
                ? EXPERIMENTS : OVERRIDES;
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** 303: the browser follows with a GET, so a reload never posts the form again. */
    static MutableHttpResponse<?> seeOther(String location) {
        return HttpResponse.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, location);
    }
}
