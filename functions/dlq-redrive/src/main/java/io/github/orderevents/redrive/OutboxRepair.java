package io.github.orderevents.redrive;

import io.github.orderevents.aws.JsonLog;
import io.github.orderevents.domain.outbox.FailedOutboxRow;
import io.github.orderevents.domain.outbox.Outbox;
import io.github.orderevents.domain.outbox.PendingOutbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The FAILED outbox rows, for the operator: {@code peekOutbox} lists them (attempts, last error, order,
 * sequence, event type), {@code requeueOutbox} puts them back PENDING with no attempts counted, where the
 * sweeper publishes them on its next run. Rows are requeued in sequence order per order, and a row waits
 * (is skipped) while an earlier row of its order stays FAILED: the sweeper would hold it back anyway.
 */
final class OutboxRepair {
    private static final JsonLog LOG = JsonLog.of(OutboxRepair.class);
    private static final Comparator<FailedOutboxRow> IN_SEQUENCE = Comparator.comparing(FailedOutboxRow::aggregateId)
            .thenComparingLong(FailedOutboxRow::sequence);

    private final PendingOutbox rows;
    private final Outbox outbox;

    OutboxRepair(PendingOutbox rows, Outbox outbox) {
        this.rows = rows;
        this.outbox = outbox;
    }

    /** The answer, as JSON-ready maps. */
    Map<String, Object> run(OutboxRequest request) {
        List<FailedOutboxRow> failed = rows.failed(request.max());
        Map<String, String> results = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        if (request.action() == OutboxRequest.Action.PEEK_OUTBOX) {
            failed.forEach(row -> results.put(row.eventId(), "listed"));
        } else {
            requeue(request, failed, results, reasons);
        }
        Map<String, Object> answer = answer(request, failed, results, reasons);
        LOG.info("FAILED outbox rows " + (request.action() == OutboxRequest.Action.PEEK_OUTBOX ? "peeked" : "requeued"),
                "action", request.action().json(), "dryRun", request.dryRun(), "examined", failed.size(),
                "requeued", count(results, "requeued"), "skipped", count(results, "skipped"),
                "failed", count(results, "failed"));
        return answer;
    }

    private void requeue(OutboxRequest request, List<FailedOutboxRow> failed, Map<String, String> results,
                         Map<String, String> reasons) {
        // An order whose earlier row is not requeued: its later rows wait, so none is published before it.
        Set<String> waiting = new HashSet<>();
        for (FailedOutboxRow row : failed.stream().sorted(IN_SEQUENCE).toList()) {
            boolean selected = request.eventIds().isEmpty() || request.eventIds().contains(row.eventId());
            if (!selected) {
                results.put(row.eventId(), "notSelected");
                waiting.add(row.aggregateId());
            } else if (waiting.contains(row.aggregateId())) {
                results.put(row.eventId(), "skipped");
                reasons.put(row.eventId(), "an earlier row of order " + row.aggregateId()
                        + " stays FAILED; this one waits behind it (requeue that one too)");
            } else if (request.dryRun()) {
                results.put(row.eventId(), "wouldRequeue");
            } else {
                requeueOne(row, results, reasons, waiting);
            }
        }
    }

    private void requeueOne(FailedOutboxRow row, Map<String, String> results, Map<String, String> reasons,
                            Set<String> waiting) {
        try {
            if (outbox.requeue(row)) {
                results.put(row.eventId(), "requeued");
                LOG.info("FAILED outbox row requeued; the sweeper publishes it", "orderId", row.aggregateId(),
                        "sequence", row.sequence(), "eventId", row.eventId(), "attempts", row.attempts(),
                        "lastError", row.lastError());
            } else {
                results.put(row.eventId(), "notFailed");
                reasons.put(row.eventId(), "no longer FAILED (requeued, published or deleted meanwhile); left as it is");
            }
        } catch (RuntimeException e) {
            waiting.add(row.aggregateId());
            results.put(row.eventId(), "failed");
            reasons.put(row.eventId(), e.getClass().getSimpleName() + ": " + e.getMessage());
            LOG.warn("FAILED outbox row not requeued", "orderId", row.aggregateId(), "eventId", row.eventId(),
                    "reason", e.getMessage());
        }
    }

    private static Map<String, Object> answer(OutboxRequest request, List<FailedOutboxRow> failed,
                                              Map<String, String> results, Map<String, String> reasons) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("action", request.action().json());
        if (request.action() == OutboxRequest.Action.REQUEUE_OUTBOX) {
            answer.put("dryRun", request.dryRun());
        }
        answer.put("examined", failed.size());
        if (request.action() == OutboxRequest.Action.REQUEUE_OUTBOX) {
            answer.put(request.dryRun() ? "wouldRequeue" : "requeued",
                    count(results, request.dryRun() ? "wouldRequeue" : "requeued"));
            answer.put("skipped", count(results, "skipped"));
            answer.put("failed", count(results, "failed"));
            Set<String> notFound = new LinkedHashSet<>(request.eventIds());
            failed.forEach(row -> notFound.remove(row.eventId()));
            if (!notFound.isEmpty()) {
                answer.put("notFound", List.copyOf(notFound));
            }
        }
        List<Map<String, Object>> listed = new ArrayList<>();
        for (FailedOutboxRow row : failed.stream().sorted(IN_SEQUENCE).toList()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("eventId", row.eventId());
            put(json, "eventType", row.eventType());
            json.put("aggregateId", row.aggregateId());
            json.put("sequence", row.sequence());
            json.put("attempts", row.attempts());
            put(json, "lastError", row.lastError());
            put(json, "failedAt", row.failedAt() == null ? null : row.failedAt().toString());
            json.put("result", results.get(row.eventId()));
            put(json, "reason", reasons.get(row.eventId()));
            listed.add(json);
        }
        answer.put("rows", listed);
        return answer;
    }

    private static void put(Map<String, Object> json, String name, Object value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    private static int count(Map<String, String> results, String result) {
        return (int) results.values().stream().filter(result::equals).count();
    }
}
