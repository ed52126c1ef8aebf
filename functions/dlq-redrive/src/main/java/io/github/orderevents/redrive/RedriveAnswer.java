package io.github.orderevents.redrive;

import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operator's report of one run: counts, and per examined message (in the order received) what it
 * is and what happened to it. Bodies are cut to {@value #BODY_BYTES} bytes, and all bodies together to
 * {@value #ALL_BODIES_BYTES}, because a synchronous Lambda answer may not exceed 6 MB.
 */
record RedriveAnswer(RedriveRequest request, List<DlqMessage> messages, Map<String, Outcome> outcomes) {
    static final int BODY_BYTES = 4096;
    static final int ALL_BODIES_BYTES = 3 * 1024 * 1024;
    /** Message attributes that consumers set when they park a message they cannot process. */
    static final List<String> PARKING_ATTRIBUTES = List.of("parkReason", "parkedFrom", "parkedAt", "originalMessageId");

    RedriveAnswer {
        messages = List.copyOf(messages);
        outcomes = Map.copyOf(outcomes);
    }

    int examined() {
        return messages.size();
    }

    int selected() {
        return messages.size() - count(Outcome.NotSelected.class);
    }

    int redriven() {
        return count(Outcome.Redriven.class);
    }

    int failed() {
        return count(Outcome.Failed.class);
    }

    int skipped() {
        return count(Outcome.Skipped.class);
    }

    int wouldRedrive() {
        return count(Outcome.WouldRedrive.class);
    }

    /** The requested eventIds / messageIds that no examined message had. */
    Set<String> notFound() {
        Set<String> missing = new LinkedHashSet<>(request.selector().ids());
        messages.forEach(message -> missing.remove(request.selector().idOf(message)));
        return missing;
    }

    /** The answer as JSON-ready maps; null fields are left out. */
    Map<String, Object> toJson() {
        BodyBudget budget = new BodyBudget();
        List<Map<String, Object>> listed = new ArrayList<>();
        for (DlqMessage message : messages) {
            listed.add(message(message, outcomes.get(message.messageId()), budget));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("action", request.action().json());
        answer.put("queue", request.queue());
        answer.put("dryRun", request.dryRun());
        answer.put("examined", examined());
        answer.put("selected", selected());
        answer.put("redriven", redriven());
        answer.put("failed", failed());
        answer.put("skipped", skipped());
        if (request.action() == RedriveRequest.Action.REDRIVE && request.dryRun()) {
            answer.put("wouldRedrive", wouldRedrive());
        }
        if (!notFound().isEmpty()) {
            answer.put("notFound", List.copyOf(notFound()));
        }
        if (budget.omitted > 0) {
            answer.put("bodiesOmitted", budget.omitted);
        }
        answer.put("messages", listed);
        return answer;
    }

    private Map<String, Object> message(DlqMessage message, Outcome outcome, BodyBudget budget) {
        Map<String, Object> json = new LinkedHashMap<>();
        put(json, "messageId", message.messageId());
        put(json, "messageGroupId", message.groupId());
        put(json, "eventId", message.envelope().eventId());
        put(json, "eventType", message.envelope().eventType());
        put(json, "aggregateId", message.envelope().aggregateId());
        put(json, "sequence", message.envelope().sequence());
        // Why the consumers refuse this body as it is: what a fix has to change (absent when they accept it).
        put(json, "envelopeProblem", message.envelope().problem());
        put(json, "correlationId", message.attribute("correlationId").orElse(message.envelope().correlationId()));
        put(json, "receiveCount", message.receiveCount());
        put(json, "sentTimestamp", message.sentTimestamp() == null ? null : message.sentTimestamp().toString());
        PARKING_ATTRIBUTES.forEach(name -> put(json, name, message.attribute(name).orElse(null)));
        // Bodies of messages the request did not select are left out: the answer is about the others.
        if (!(outcome instanceof Outcome.NotSelected)) {
            budget.body(json, "body", message.body());
        }
        json.put("result", outcome.result());
        switch (outcome) {
            case Outcome.WouldRedrive would -> json.put("resend", resend(would.resend(), budget));
            case Outcome.Redriven redriven -> {
                put(json, "newMessageId", redriven.newMessageId());
                put(json, "warning", redriven.warning());
                json.put("resend", resend(redriven.resend(), budget));
            }
            case Outcome.Failed failed -> {
                json.put("error", failed.error());
                if (failed.resend() != null) {
                    json.put("resend", resend(failed.resend(), budget));
                }
            }
            case Outcome.Skipped skipped -> json.put("reason", skipped.reason());
            case Outcome.Listed listed -> {
            }
            case Outcome.NotSelected notSelected -> {
            }
        }
        return json;
    }

    /** What is (or would be) sent; with a fix, the fixed body too (without one, {@code body} is sent as it is). */
    private Map<String, Object> resend(Resend resend, BodyBudget budget) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("messageGroupId", resend.groupId());
        json.put("messageDeduplicationId", resend.deduplicationId());
        Map<String, Object> attributes = new LinkedHashMap<>();
        resend.attributes().forEach((name, value) -> attributes.put(name, text(value)));
        json.put("messageAttributes", attributes);
        if (request.fix().isPresent()) {
            budget.body(json, "body", resend.body());
        }
        return json;
    }

    private static Object text(MessageAttributeValue value) {
        return value.stringValue() != null ? value.stringValue() : "(" + value.dataType() + ")";
    }

    private int count(Class<? extends Outcome> type) {
        return (int) messages.stream().filter(m -> type.isInstance(outcomes.get(m.messageId()))).count();
    }

    private static void put(Map<String, Object> json, String name, Object value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    /** Shares {@value #ALL_BODIES_BYTES} among the bodies of one answer. */
    private static final class BodyBudget {
        private int left = ALL_BODIES_BYTES;
        private int omitted;

        void body(Map<String, Object> json, String name, String body) {
            if (left <= 0) {
                json.put(name + "Omitted", true);
                omitted++;
                return;
            }
            String cut = cut(body, Math.min(BODY_BYTES, left));
            int bytes = cut.getBytes(StandardCharsets.UTF_8).length;
            left -= bytes;
            json.put(name, cut);
            if (cut.length() < body.length()) {
                json.put(name + "Truncated", true);
            }
        }
    }

    /** The longest prefix of {@code text} of at most {@code maxBytes} UTF-8 bytes that splits no character. */
    static String cut(String text, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }
}
