package dev.abkit.http.problem;

import dev.abkit.core.error.DuplicateExperimentException;
import dev.abkit.core.error.StorageUnavailableException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.model.ExperimentKey;
import io.micronaut.http.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTest {

    @Test
    void maps_each_domain_exception_to_its_status() {
        ExperimentKey key = ExperimentKey.of("price");
        assertThat(Problems.forException(new UnknownExperimentException(key)).code()).isEqualTo(404);
        assertThat(Problems.forException(new DuplicateExperimentException(key)).code()).isEqualTo(409);
        assertThat(Problems.forException(new InvalidInputException("key", "bad")).code()).isEqualTo(400);
        assertThat(Problems.forException(new IllegalStateException("bug"))).isNull();
    }

    /** The adapters wrap what the core rejects while they convert input; any other one is a bug. */
    @Test
    void an_illegal_argument_that_no_adapter_converted_is_a_bug() {
        assertThat(Problems.forException(new IllegalArgumentException("column option_value is too short"))).isNull();
        assertThat(Problems.forException(new CompletionException(new NumberFormatException("For input string")))).isNull();
    }

    @Test
    void storage_unavailable_is_503_with_retry_after_also_when_wrapped_by_a_future() {
        HttpResponse<Problem> response = Problems.forException(
                new CompletionException(new StorageUnavailableException("down", null)));

        assertThat(response.code()).isEqualTo(503);
        assertThat(response.body().detail()).isEqualTo("down");
        assertThat(response.getHeaders().get("Retry-After")).isEqualTo("5");
        assertThat(response.getContentType()).hasValueSatisfying(
                type -> assertThat(type.toString()).isEqualTo("application/problem+json"));
    }

    @Test
    void work_refused_by_a_full_executor_is_the_same_503_with_retry_after() {
        HttpResponse<Problem> response = Problems.forException(
                new CompletionException(new RejectedExecutionException("queue full")));

        assertThat(response.code()).isEqualTo(503);
        assertThat(response.body().type()).isEqualTo(Problems.STORAGE_UNAVAILABLE);
        assertThat(response.body().detail()).contains("too busy").doesNotContain("queue full");
        assertThat(response.getHeaders().get("Retry-After")).isEqualTo("5");
    }

    @Test
    void a_validation_problem_names_its_field_in_detail_and_as_a_member() {
        Problem problem = Problems.forException(new InvalidInputException("options[1].weight", "weight must be greater than 0"))
                .body();

        assertThat(problem.detail()).isEqualTo("options[1].weight: weight must be greater than 0");
        assertThat(problem.field()).isEqualTo("options[1].weight");
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).isNotBlank();
        assertThat(problem.title()).isNotBlank();
    }

    @Test
    void turns_serde_reference_paths_into_json_paths() {
        assertThat(Problems.jsonPath(
                "dev.abkit.http.admin.NewExperimentJson[\"options\"]->java.util.ArrayList[0]->dev.abkit.http.admin.OptionJson[\"weight\"]"))
                .isEqualTo("options[0].weight");
        assertThat(Problems.jsonPath("dev.abkit.http.admin.NewExperimentJson[\"key\"]")).isEqualTo("key");
        assertThat(Problems.jsonPath("")).isEmpty();
        assertThat(Problems.jsonPath(null)).isEmpty();
    }
}
