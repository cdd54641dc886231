package dev.abkit.bench.workload;

import com.indeed.proctor.common.ProctorResult;
import com.indeed.proctor.common.model.TestBucket;
import dev.abkit.core.model.Assignment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer a caller wants from either library, {experiment key -> option value}, built the same
 * way for both so that the comparison differs only in the libraries.
 */
public final class AnswerMaps {

    private AnswerMaps() {
    }

    public static Map<String, String> of(List<Assignment> assignments) {
        Map<String, String> answer = new HashMap<>(capacityFor(assignments.size()));
        for (Assignment assignment : assignments) {
            answer.put(assignment.experiment().value(), assignment.value());
        }
        return answer;
    }

    /** Each test's bucket carries its option value as payload (see {@link ProctorExperiments}). */
    public static Map<String, String> of(ProctorResult result) {
        Map<String, TestBucket> buckets = result.getBuckets();
        Map<String, String> answer = new HashMap<>(capacityFor(buckets.size()));
        for (Map.Entry<String, TestBucket> bucket : buckets.entrySet()) {
            answer.put(bucket.getKey(), bucket.getValue().getPayload().getStringValue());
        }
        return answer;
    }

    /** Room for {@code entries} without a resize at HashMap's load factor of 0.75. */
    private static int capacityFor(int entries) {
        return entries * 4 / 3 + 1;
    }
}
