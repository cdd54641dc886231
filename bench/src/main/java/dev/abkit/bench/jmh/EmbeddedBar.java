package dev.abkit.bench.jmh;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SPEC 6's embedded bar in one command: the returning-device benchmarks of
 * {@link MobileUseCaseBenchmark}, abkit's and Proctor's in the same JMH run with {@code -prof gc},
 * then abkit's time as a ratio of Proctor's against the bar, and each one's allocation per call.
 * Takes JMH's own options, e.g. {@code -f 1 -wi 2 -i 3} for a short run.
 *
 * <pre>java -cp bench/target/abkit-bench.jar dev.abkit.bench.jmh.EmbeddedBar [JMH options]</pre>
 */
public final class EmbeddedBar {

    private static final double BAR = 0.5;
    private static final String ABKIT = "returningDevice";
    private static final String PROCTOR = "returningDeviceProctor";

    private EmbeddedBar() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(MobileUseCaseBenchmark.class.getName() + "\\.returningDevice")
                .addProfiler(GCProfiler.class)
                .build();
        Map<String, RunResult> results = byMethod(new Runner(options).run());
        System.out.println();
        System.out.println("SPEC 6, embedded use: returning device over 65,536 random ids, answer as a map");
        System.out.printf("%-36s %22s %10s%n", "benchmark", "ns/op", "B/op");
        results.forEach((method, result) -> System.out.printf("%-36s %10.1f ± %9.1f %10.0f%n",
                method, result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError(),
                bytesPerCall(result)));
        Result abkit = results.get(ABKIT).getPrimaryResult();
        Result proctor = results.get(PROCTOR).getPrimaryResult();
        double ratio = abkit.getScore() / proctor.getScore();
        System.out.printf("abkit / Proctor = %.2f %s: %s (bar: at most %.1f)%n",
                ratio, ratioRange(abkit, proctor), ratio <= BAR ? "MET" : "MISSED", BAR);
    }

    /** The ratio if both means sat at the far ends of their 99.9 % intervals; none if they are that wide. */
    private static String ratioRange(Result abkit, Result proctor) {
        double abkitLow = abkit.getScore() - abkit.getScoreError();
        double proctorLow = proctor.getScore() - proctor.getScoreError();
        if (abkitLow <= 0 || proctorLow <= 0 || Double.isNaN(abkitLow) || Double.isNaN(proctorLow)) {
            return "(errors wider than the means: no range)";
        }
        return String.format("(%.2f-%.2f)", abkitLow / (proctor.getScore() + proctor.getScoreError()),
                (abkit.getScore() + abkit.getScoreError()) / proctorLow);
    }

    private static Map<String, RunResult> byMethod(Collection<RunResult> runs) {
        Map<String, RunResult> results = new LinkedHashMap<>();
        for (RunResult run : runs) {
            String benchmark = run.getParams().getBenchmark();
            results.put(benchmark.substring(benchmark.lastIndexOf('.') + 1), run);
        }
        if (!results.containsKey(ABKIT) || !results.containsKey(PROCTOR)) {
            throw new IllegalStateException("JMH did not run both " + ABKIT + " and " + PROCTOR + ": " + results.keySet());
        }
        return results;
    }

    private static double bytesPerCall(RunResult result) {
        Result allocated = result.getSecondaryResults().get("gc.alloc.rate.norm");
        return allocated == null ? Double.NaN : allocated.getScore();
    }
}
