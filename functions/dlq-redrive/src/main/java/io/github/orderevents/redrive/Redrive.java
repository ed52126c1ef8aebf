package io.github.orderevents.redrive;

import io.github.orderevents.aws.JsonLog;
import io.github.orderevents.domain.outbox.BatchPlanner;
import io.github.orderevents.redrive.RedriveQueues.Route;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Peek at or redrive the messages of a FIFO dead-letter queue: receive them (hidden, not consumed), and
 * either give them all back, or fix and re-send the selected ones to their source queue, deleting each
 * from the dead-letter queue only once the source queue accepted it. Everything not deleted is made
 * visible again before the run ends, whatever happened.
 */
final class Redrive {
    private static final JsonLog LOG = JsonLog.of(Redrive.class);
    private static final Duration MIN_VISIBILITY = Duration.ofSeconds(30);
    private static final Duration MAX_VISIBILITY = Duration.ofMinutes(15);
    /**
     * One message per group per batch: each entry of a batch is accepted or refused on its own, so two of
     * one group in a batch could see the later accepted and the earlier refused.
     */
    private static final BatchPlanner BATCHES = BatchPlanner.ofEntries(FifoQueues.MAX_BATCH);

    private final RedriveQueues queues;
    private final FifoQueues fifo;
    private final Clock clock;

    Redrive(RedriveQueues queues, FifoQueues fifo, Clock clock) {
        this.queues = queues;
        this.fifo = fifo;
        this.clock = clock;
    }

    /**
     * How long received messages stay hidden: past the end of this invocation (so none reappears while the
     * run still holds it), but no longer than a crashed run should hide them.
     */
    static Duration visibilityFor(Duration remaining) {
        Duration wanted = remaining.plusSeconds(10);
        return wanted.compareTo(MIN_VISIBILITY) < 0 ? MIN_VISIBILITY
                : wanted.compareTo(MAX_VISIBILITY) > 0 ? MAX_VISIBILITY : wanted;
    }

    RedriveAnswer run(RedriveRequest request, Duration visibility) {
        Route route = queues.route(request.queue())
                .orElseThrow(() -> new IllegalArgumentException("unknown queue " + request.queue()));
        DeadLetterQueue dlq = new DeadLetterQueue(fifo, route.deadLetterQueueUrl());
        try {
            List<DlqMessage> received = dlq.receive(request.max(), visibility);
            Map<String, Outcome> outcomes = switch (request.action()) {
                case PEEK -> peek(request, received);
                case REDRIVE -> redrive(request, route, dlq, received);
            };
            RedriveAnswer answer = new RedriveAnswer(request, received, outcomes);
            LOG.info("dead-letter queue " + (request.action() == RedriveRequest.Action.PEEK ? "peeked" : "redriven"),
                    "action", request.action().json(), "queue", request.queue(), "dryRun", request.dryRun(),
                    "examined", answer.examined(), "selected", answer.selected(), "redriven", answer.redriven(),
                    "failed", answer.failed(), "skipped", answer.skipped());
            return answer;
        } catch (RuntimeException e) {
            LOG.error("redrive stopped by an unexpected error; received messages are made visible again", e,
                    "action", request.action().json(), "queue", request.queue());
            throw e;
        } finally {
            dlq.releaseHeld();
        }
    }

    private static Map<String, Outcome> peek(RedriveRequest request, List<DlqMessage> received) {
        Map<String, Outcome> outcomes = new HashMap<>();
        for (DlqMessage message : received) {
            outcomes.put(message.messageId(), request.selector().selects(message)
                    ? new Outcome.Listed() : new Outcome.NotSelected());
        }
        return outcomes;
    }

    private Map<String, Outcome> redrive(RedriveRequest request, Route route, DeadLetterQueue dlq,
                                         List<DlqMessage> received) {
        Instant now = clock.instant();
        Map<String, Outcome> outcomes = new HashMap<>();
        // FIFO: once a message of a group is not re-sent, its later messages must wait behind it, or they
        // would reach the consumer first (the same rule as ReportBatchItemFailures on a FIFO source).
        Set<String> stoppedGroups = new HashSet<>();
        List<Resend> toSend = new ArrayList<>();
        List<DlqMessage> notSelected = new ArrayList<>();
        for (DlqMessage message : received) {
            if (!request.selector().selects(message)) {
                outcomes.put(message.messageId(), new Outcome.NotSelected());
                notSelected.add(message);
            } else if (message.groupId() == null) {
                outcomes.put(message.messageId(), new Outcome.Failed(
                        "message has no MessageGroupId; is " + route.deadLetterQueueUrl() + " a FIFO queue?", null));
            } else if (stoppedGroups.contains(message.groupId())) {
                outcomes.put(message.messageId(), skipped(message));
            } else {
                try {
                    String body = request.fix().map(fix -> fix.apply(message.body())).orElse(message.body());
                    toSend.add(Resend.of(message, body, route.deadLetterQueueUrl(), now));
                } catch (BodyFix.CannotFix e) {
                    stoppedGroups.add(message.groupId());
                    outcomes.put(message.messageId(), new Outcome.Failed("fix: " + e.getMessage(), null));
                    LOG.warn("fix failed; message left in the dead-letter queue", "queue", request.queue(),
                            "messageId", message.messageId(), "eventId", eventId(message), "reason", e.getMessage());
                }
            }
        }
        dlq.release(notSelected);
        if (request.dryRun()) {
            toSend.forEach(resend -> outcomes.put(resend.original().messageId(), new Outcome.WouldRedrive(resend)));
            return outcomes;
        }
        for (List<Resend> planned : BATCHES.plan(toSend, Resend::groupId)) {
            List<Resend> batch = new ArrayList<>();
            for (Resend resend : planned) {
                if (stoppedGroups.contains(resend.groupId())) {
                    outcomes.put(resend.original().messageId(), skipped(resend.original()));
                } else {
                    batch.add(resend);
                }
            }
            if (!batch.isEmpty()) {
                send(request, route.sourceQueueUrl(), dlq, batch, outcomes, stoppedGroups);
            }
        }
        return outcomes;
    }

    private void send(RedriveRequest request, String sourceQueueUrl, DeadLetterQueue dlq, List<Resend> batch,
                      Map<String, Outcome> outcomes, Set<String> stoppedGroups) {
        FifoQueues.Sent sent = fifo.send(sourceQueueUrl, batch);
        List<DlqMessage> accepted = new ArrayList<>();
        for (Resend resend : batch) {
            DlqMessage message = resend.original();
            String error = sent.failed().get(message.messageId());
            if (error == null) {
                accepted.add(message);
                continue;
            }
            stoppedGroups.add(resend.groupId());
            outcomes.put(message.messageId(), new Outcome.Failed("send: " + error, resend));
            LOG.warn("message not redriven; left in the dead-letter queue", "queue", request.queue(),
                    "messageId", message.messageId(), "eventId", eventId(message), "reason", error);
        }
        // Deleted only after the source queue accepted it: a failed send must leave the message where it was.
        Map<String, String> notDeleted = dlq.delete(accepted);
        for (Resend resend : batch) {
            DlqMessage message = resend.original();
            if (sent.failed().containsKey(message.messageId())) {
                continue;
            }
            String deleteError = notDeleted.get(message.messageId());
            String warning = deleteError == null ? null
                    : "sent, but not deleted from the dead-letter queue (" + deleteError + "); a redrive of it "
                    + "within 5 minutes is deduplicated, a later one is caught by the consumers' sequence checks";
            String newMessageId = sent.accepted().get(message.messageId());
            outcomes.put(message.messageId(), new Outcome.Redriven(resend, newMessageId, warning));
            LOG.info("message redriven", "queue", request.queue(), "messageId", message.messageId(),
                    "newMessageId", newMessageId, "eventId", eventId(message),
                    "orderId", message.envelope().aggregateId(),
                    "messageGroupId", resend.groupId(), "fixed", request.fix().isPresent(),
                    "warning", deleteError == null ? null : "not deleted from the dead-letter queue: " + deleteError);
        }
    }

    private static Outcome skipped(DlqMessage message) {
        return new Outcome.Skipped("an earlier message of group " + message.groupId()
                + " was not redriven; this one waits behind it");
    }

    private static String eventId(DlqMessage message) {
        return message.envelope().eventId();
    }
}
