package io.github.orderevents.local.sqs;

import io.github.orderevents.local.sqs.MoveTask.Status;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The live state of one move task: written by its mover, read and cancelled from request threads. */
final class TaskState {
    final String taskId;
    final String taskHandle;
    final String sourceArn;
    final String sourceUrl;
    final boolean fifo;
    /** Where every message goes when the task was given a DestinationArn. */
    final Optional<String> destinationUrl;
    /** The queues whose RedrivePolicy targets the source, when the task started. */
    final List<String> redriveSources;
    private final String destinationArn;
    private final Integer maxNumberOfMessagesPerSecond;
    private final long toMove;
    private final long startedTimestamp;
    private final AtomicLong moved = new AtomicLong();
    private final CountDownLatch cancelRequested = new CountDownLatch(1);
    private Status status = Status.RUNNING;
    private String failureReason;

    TaskState(String taskId, String taskHandle, String sourceArn, String sourceUrl, boolean fifo,
              Optional<String> destinationArn, Optional<String> destinationUrl, List<String> redriveSources,
              Optional<Integer> maxNumberOfMessagesPerSecond, long toMove, long startedTimestamp) {
        this.taskId = taskId;
        this.taskHandle = taskHandle;
        this.sourceArn = sourceArn;
        this.sourceUrl = sourceUrl;
        this.fifo = fifo;
        this.destinationArn = destinationArn.orElse(null);
        this.destinationUrl = destinationUrl;
        this.redriveSources = List.copyOf(redriveSources);
        this.maxNumberOfMessagesPerSecond = maxNumberOfMessagesPerSecond.orElse(null);
        this.toMove = toMove;
        this.startedTimestamp = startedTimestamp;
    }

    Optional<Integer> rate() {
        return Optional.ofNullable(maxNumberOfMessagesPerSecond);
    }

    long moved() {
        return moved.get();
    }

    void countMoved() {
        moved.incrementAndGet();
    }

    synchronized Status status() {
        return status;
    }

    /** RUNNING becomes CANCELLING; false if the task was not RUNNING. */
    synchronized boolean requestCancel() {
        if (status != Status.RUNNING) {
            return false;
        }
        status = Status.CANCELLING;
        cancelRequested.countDown();
        return true;
    }

    boolean cancelRequested() {
        return cancelRequested.getCount() == 0;
    }

    /** Waits up to {@code nanos}; true as soon as a cancel was requested. */
    boolean awaitCancel(long nanos) throws InterruptedException {
        return nanos > 0 ? cancelRequested.await(nanos, TimeUnit.NANOSECONDS) : cancelRequested();
    }

    /** The mover is done: CANCELLED if a cancel was requested, else COMPLETED. */
    synchronized void finish() {
        status = status == Status.CANCELLING ? Status.CANCELLED : Status.COMPLETED;
    }

    /** The mover stopped on an error (a requested cancel still ends as CANCELLED). */
    synchronized void fail(String reason) {
        if (status == Status.CANCELLING) {
            status = Status.CANCELLED;
        } else {
            status = Status.FAILED;
            failureReason = reason;
        }
    }

    synchronized MoveTask snapshot() {
        return new MoveTask(taskHandle, status, sourceArn, destinationArn, maxNumberOfMessagesPerSecond, moved.get(),
                toMove, failureReason, startedTimestamp);
    }
}
