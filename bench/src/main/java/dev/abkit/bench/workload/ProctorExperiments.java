package dev.abkit.bench.workload;

import com.indeed.proctor.common.IncompatibleTestMatrixException;
import com.indeed.proctor.common.Proctor;
import com.indeed.proctor.common.ProctorLoadResult;
import com.indeed.proctor.common.ProctorUtils;
import com.indeed.proctor.common.RuleEvaluator;
import com.indeed.proctor.common.model.Allocation;
import com.indeed.proctor.common.model.Audit;
import com.indeed.proctor.common.model.ConsumableTestDefinition;
import com.indeed.proctor.common.model.Payload;
import com.indeed.proctor.common.model.Range;
import com.indeed.proctor.common.model.TestBucket;
import com.indeed.proctor.common.model.TestMatrixArtifact;
import com.indeed.proctor.common.model.TestType;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * abkit's experiments as a Proctor test matrix built in code, the way Proctor's own tests build
 * one: a test per experiment, named and salted by its key, a bucket per option carrying the option
 * value as its payload, and one allocation without a rule whose ranges are the options' shares of
 * the total weight. Proctor hashes the id into a bucket on every call; it stores nothing.
 */
public final class ProctorExperiments {

    /** Proctor's test type for an id the client makes up itself, as an app does its device id. */
    public static final TestType DEVICE = TestType.ANONYMOUS_USER;

    private static final String VERSION = "1";

    private ProctorExperiments() {
    }

    public static Proctor of(List<Experiment> experiments) {
        Map<String, ConsumableTestDefinition> tests = new LinkedHashMap<>();
        for (Experiment experiment : experiments) {
            tests.put(experiment.key().value(), definitionOf(experiment));
        }
        Audit audit = new Audit();
        audit.setVersion(VERSION);
        audit.setUpdatedBy("abkit-bench");
        TestMatrixArtifact matrix = new TestMatrixArtifact();
        matrix.setAudit(audit);
        matrix.setTests(tests);
        return Proctor.construct(matrix, ProctorLoadResult.emptyResult(),
                RuleEvaluator.defaultFunctionMapperBuilder().build());
    }

    private static ConsumableTestDefinition definitionOf(Experiment experiment) {
        String name = experiment.key().value();
        List<Option> options = experiment.options();
        List<TestBucket> buckets = new ArrayList<>();
        List<Range> ranges = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            Option option = options.get(i);
            Payload value = new Payload();
            value.setStringValue(option.value());
            buckets.add(new TestBucket("option" + i, i, "option value " + option.value(), value));
            ranges.add(new Range(i, WeightShares.shareOf(experiment, option)));
        }
        ConsumableTestDefinition definition = new ConsumableTestDefinition(VERSION, null, DEVICE, "&" + name,
                buckets, List.of(new Allocation(null, ranges, "#A1")), Map.of(), name);
        try {
            // Proctor's own check that the buckets and ranges form a valid test (shares add up to 1).
            ProctorUtils.verifyInternallyConsistentDefinition(name, "abkit-bench", definition);
        } catch (IncompatibleTestMatrixException e) {
            throw new IllegalStateException("Proctor refuses the test for " + name + ": " + e.getMessage(), e);
        }
        return definition;
    }
}
