package io.github.orderevents.domain.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs the same call on two threads released at the same moment, as two instances handling one event. */
public final class Race {
    private Race() {
    }

    /** Both results, in no particular order; rethrows what either call threw. */
    public static <T> List<T> ofTwo(Callable<T> call) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<T> contender = () -> {
            start.await();
            return call.call();
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> result : threads.invokeAll(List.of(contender, contender))) {
                results.add(result.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
