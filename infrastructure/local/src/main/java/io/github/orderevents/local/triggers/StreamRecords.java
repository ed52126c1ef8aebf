package io.github.orderevents.local.triggers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.orderevents.local.Json;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB Streams records (SDK model) to the JSON that Lambda puts in a DynamoDB stream event (see
 * events/outbox-stream.json; AWS Lambda developer guide, "Using AWS Lambda with Amazon DynamoDB"):
 * attribute values stay in DynamoDB JSON, ApproximateCreationDateTime is in epoch seconds.
 */
final class StreamRecords {
    /** What DynamoDB Streams reports today; the stream's own value wins when it has one. */
    static final String EVENT_VERSION = "1.1";

    private StreamRecords() {
    }

    /** The record as Lambda sends it; {@code streamArn} and {@code region} describe the event source. */
    static ObjectNode toLambdaJson(Record record, String streamArn, String region) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("eventID", record.eventID());
        json.put("eventName", record.eventNameAsString());
        json.put("eventVersion", record.eventVersion() == null ? EVENT_VERSION : record.eventVersion());
        json.put("eventSource", "aws:dynamodb");
        json.put("awsRegion", region);
        json.set("dynamodb", dynamodb(record.dynamodb()));
        json.put("eventSourceARN", streamArn);
        Identity identity = record.userIdentity();
        if (identity != null) {
            ObjectNode user = json.putObject("userIdentity");
            user.put("type", identity.type());
            user.put("principalId", identity.principalId());
        }
        return json;
    }

    private static ObjectNode dynamodb(StreamRecord stream) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        if (stream.approximateCreationDateTime() != null) {
            json.put("ApproximateCreationDateTime", stream.approximateCreationDateTime().getEpochSecond());
        }
        json.set("Keys", item(stream.keys()));
        if (stream.hasNewImage()) {
            json.set("NewImage", item(stream.newImage()));
        }
        if (stream.hasOldImage()) {
            json.set("OldImage", item(stream.oldImage()));
        }
        json.put("SequenceNumber", stream.sequenceNumber());
        if (stream.sizeBytes() != null) {
            json.put("SizeBytes", stream.sizeBytes());
        }
        json.put("StreamViewType", stream.streamViewTypeAsString());
        return json;
    }

    static ObjectNode item(Map<String, AttributeValue> item) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        item.forEach((name, value) -> json.set(name, attribute(value)));
        return json;
    }

    /** One attribute value in DynamoDB JSON: {"S": "x"}, {"N": "1"}, {"M": {...}}, {"B": "base64"}, ... */
    static ObjectNode attribute(AttributeValue value) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        switch (value.type()) {
            case S -> json.put("S", value.s());
            case N -> json.put("N", value.n());
            case B -> json.put("B", base64(value.b()));
            case SS -> strings(json.putArray("SS"), value.ss());
            case NS -> strings(json.putArray("NS"), value.ns());
            case BS -> {
                ArrayNode binaries = json.putArray("BS");
                value.bs().forEach(b -> binaries.add(base64(b)));
            }
            case M -> json.set("M", item(value.m()));
            case L -> {
                ArrayNode list = json.putArray("L");
                value.l().forEach(element -> list.add(attribute(element)));
            }
            case BOOL -> json.put("BOOL", value.bool());
            case NUL -> json.put("NULL", true);
            default -> throw new IllegalArgumentException("unknown attribute value type: " + value);
        }
        return json;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
