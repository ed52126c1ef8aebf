package io.github.orderevents.local.triggers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs an {@link SqsEventSource} continuously, with a few concurrent pollers as Lambda does (for a FIFO
 * queue each receive gets messages of groups not in flight, so pollers work on different groups).
 */
public final class SqsPoller implements AutoCloseable {
    private final SqsEventSource source;
    private final int pollers;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();

    public SqsPoller(SqsEventSource source, int pollers) {
        this.source = source;
        this.pollers = pollers;
    }

    public void start(String name) {
        running.set(true);
        for (int i = 0; i < pollers; i++) {
            Thread thread = Thread.ofPlatform().daemon().name(name + "-poller-" + i).start(this::loop);
            threads.add(thread);
        }
    }

    private void loop() {
        while (running.get()) {
            try {
                SqsEventSource.Poll poll = source.pollOnce(1);
                received.addAndGet(poll.received());
                failed.addAndGet(poll.failed());
            } catch (RuntimeException e) {
                if (running.get()) {
                    System.err.println("sqs poller " + source.queueArn() + ": " + e);
                    pause();
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000); // a backend error (e.g. shutting down): do not spin
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long received() {
        return received.get();
    }

    public long failed() {
        return failed.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(3000);
        }
    }
}
