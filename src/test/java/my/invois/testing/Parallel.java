package my.invois.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs calls at the same instant (released together by a latch) and collects their results. */
public final class Parallel {

    private Parallel() {
    }

    public static <T> List<T> times(int count, Callable<T> call) throws Exception {
        return all(Collections.nCopies(count, call));
    }

    public static <T> List<T> all(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            var start = new CountDownLatch(1);
            var futures = new ArrayList<Future<T>>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            var results = new ArrayList<T>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
