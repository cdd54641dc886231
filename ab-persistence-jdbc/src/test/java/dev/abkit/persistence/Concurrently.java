package dev.abkit.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a test's calls on a pool of threads of its own, all at once, and hands back their results in order. */
final class Concurrently {

    private Concurrently() {
    }

    /** @throws java.util.concurrent.ExecutionException the first call's failure, if any failed */
    static <T> List<T> run(List<Callable<T>> calls, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> call : pool.invokeAll(calls)) {
                results.add(call.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
