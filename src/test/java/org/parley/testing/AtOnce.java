package org.parley.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Calls released together at one moment, each on a thread of its own, as racing workers. */
public final class AtOnce {

    private AtOnce() {
    }

    /**
     * Makes {@code each} calls for every group from 0 to {@code groups - 1}, all released at
     * once, and answers each group's results, in the order they were made.
     */
    public static <T> List<List<T>> run(int groups, int each, IntFunction<Callable<T>> call)
            throws Exception {
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch go = new CountDownLatch(1);
            List<List<Future<T>>> made = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                List<Future<T>> group = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    Callable<T> c = call.apply(g);
                    group.add(workers.submit(() -> {
                        go.await();
                        return c.call();
                    }));
                }
                made.add(group);
            }
            go.countDown();
            List<List<T>> results = new ArrayList<>();
            for (List<Future<T>> group : made) {
                List<T> done = new ArrayList<>();
                for (Future<T> f : group) {
                    done.add(f.get());
                }
                results.add(done);
            }
            return results;
        }
    }
}
