package io.github.orderevents.aws.dynamo;

import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Retries a transaction that DynamoDB cancelled only because another transaction touched the same item
 * at the same moment ({@code TransactionConflict}), e.g. two orders reserving the last units of a SKU.
 * A condition failure is an answer, not a conflict, and is never retried here.
 */
final class TransactionRetry {
    static final int ATTEMPTS = 5;

    private TransactionRetry() {
    }

    static <T> T run(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (TransactionCanceledException e) {
                if (attempt >= ATTEMPTS || !onlyConflicts(e)) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    static boolean isConditionFailure(CancellationReason reason) {
        return "ConditionalCheckFailed".equals(reason.code());
    }

    private static boolean onlyConflicts(TransactionCanceledException e) {
        return e.hasCancellationReasons()
                && e.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code()))
                && e.cancellationReasons().stream().noneMatch(TransactionRetry::isConditionFailure);
    }

    private static void pause(int attempt) {
        // Full jitter, growing: two contenders rarely pick the same moment twice.
        long millis = ThreadLocalRandom.current().nextLong(10L << attempt);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", e);
        }
    }
}
