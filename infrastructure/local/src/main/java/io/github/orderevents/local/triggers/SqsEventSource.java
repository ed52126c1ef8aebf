package io.github.orderevents.local.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.orderevents.local.Json;
import io.github.orderevents.local.functions.FunctionErrorException;
import io.github.orderevents.local.functions.LambdaFunction;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An SQS event source mapping as Lambda runs it: receive up to {@code BatchSize} messages, invoke the
 * function with them as one SQS event (the JSON Lambda sends), delete what succeeded. With
 * ReportBatchItemFailures the messages named in {@code batchItemFailures} stay (they return after the
 * visibility timeout, and the queue's redrive policy counts their receives); a malformed failure list,
 * or a function error, fails the whole batch. Without ReportBatchItemFailures the response is ignored:
 * no error means the whole batch succeeded. (AWS Lambda developer guide, "Using Lambda with Amazon SQS".)
 */
public final class SqsEventSource {
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final String region;
    private final int batchSize;
    private final boolean reportBatchItemFailures;
    private final LambdaFunction function;

    public SqsEventSource(SqsClient sqs, String queueUrl, String region, int batchSize, boolean reportBatchItemFailures,
                          LambdaFunction function) {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("BatchSize must be 1..10000, was " + batchSize);
        }
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.region = region;
        this.batchSize = batchSize;
        this.reportBatchItemFailures = reportBatchItemFailures;
        this.function = function;
        this.queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** What one poll did. */
    public record Poll(int received, int deleted, int failed, boolean invocationFailed) {
    }

    /** Receives one batch (waiting up to {@code waitSeconds} for the first message) and processes it. */
    public Poll pollOnce(int waitSeconds) {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                .maxNumberOfMessages(Math.min(10, batchSize))
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        if (messages.isEmpty()) {
            return new Poll(0, 0, 0, false);
        }
        ObjectNode event = Json.MAPPER.createObjectNode();
        ArrayNode records = event.putArray("Records");
        messages.forEach(message -> records.add(record(message)));
        Set<String> failed;
        boolean invocationFailed = false;
        try {
            JsonNode response = function.invoke(event);
            failed = reportBatchItemFailures ? failedIds(response, messages) : Set.of();
        } catch (FunctionErrorException e) {
            failed = allIds(messages);
            invocationFailed = true;
        }
        List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            if (!failed.contains(message.messageId())) {
                deletes.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(message.receiptHandle()).build());
            }
        }
        if (!deletes.isEmpty()) {
            sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(deletes));
        }
        return new Poll(messages.size(), deletes.size(), failed.size(), invocationFailed);
    }

    public String queueArn() {
        return queueArn;
    }

    /** The ids to keep; every id when the answer is not a well-formed failure list for this batch. */
    static Set<String> failedIds(JsonNode response, List<Message> messages) {
        JsonNode failures = response == null ? null : response.get("batchItemFailures");
        if (failures == null || failures.isNull() || (failures.isArray() && failures.isEmpty())) {
            return Set.of();
        }
        Set<String> known = allIds(messages);
        if (!failures.isArray()) {
            return known;
        }
        Set<String> failed = new HashSet<>();
        for (JsonNode failure : failures) {
            JsonNode id = failure.get("itemIdentifier");
            if (id == null || !id.isTextual() || id.asText().isEmpty() || !known.contains(id.asText())) {
                // Lambda treats a null, empty or unknown identifier as a failure of the whole batch.
                return known;
            }
            failed.add(id.asText());
        }
        return failed;
    }

    private static Set<String> allIds(List<Message> messages) {
        Set<String> ids = new HashSet<>();
        messages.forEach(m -> ids.add(m.messageId()));
        return ids;
    }

    private ObjectNode record(Message message) {
        ObjectNode record = Json.MAPPER.createObjectNode();
        record.put("messageId", message.messageId());
        record.put("receiptHandle", message.receiptHandle());
        record.put("body", message.body());
        ObjectNode attributes = record.putObject("attributes");
        message.attributesAsStrings().forEach(attributes::put);
        ObjectNode messageAttributes = record.putObject("messageAttributes");
        message.messageAttributes().forEach((name, value) -> messageAttributes.set(name, attribute(value)));
        record.put("md5OfBody", message.md5OfBody());
        record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", queueArn);
        record.put("awsRegion", region);
        return record;
    }

    private static ObjectNode attribute(MessageAttributeValue value) {
        ObjectNode attribute = Json.MAPPER.createObjectNode();
        attribute.put("stringValue", value.stringValue());
        if (value.binaryValue() != null) {
            attribute.put("binaryValue", Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
        }
        ArrayNode strings = attribute.putArray("stringListValues");
        value.stringListValues().forEach(strings::add);
        ArrayNode binaries = attribute.putArray("binaryListValues");
        value.binaryListValues().forEach(b -> binaries.add(Base64.getEncoder().encodeToString(b.asByteArray())));
        attribute.put("dataType", value.dataType());
        return attribute;
    }
}
