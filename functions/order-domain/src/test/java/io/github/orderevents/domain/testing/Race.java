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
        return ofTwo(call, call);
    }

    /** {@code first} and {@code second} released at the same moment; their results in that order. */
    public static <T> List<T> ofTwo(Callable<T> first, Callable<T> second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> result : threads.invokeAll(List.of(released(start, first), released(start, second)))) {
                results.add(result.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    private static <T> Callable<T> released(CyclicBarrier start, Callable<T> call) {
        return () -> {
            start.await();
            return call.call();
        };
    }
}
