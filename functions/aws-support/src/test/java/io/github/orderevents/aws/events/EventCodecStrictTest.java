package io.github.orderevents.aws.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderItem;
import io.github.orderevents.domain.OrderPlaced;
import io.github.orderevents.domain.consumer.InvalidMessageException;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Strict decoding, what consumers use: every problem is refused with a reason that names it. */
class EventCodecStrictTest {
    /** A valid envelope as the relay writes it (field order as in DESIGN.md). */
    private static final String VALID = """
            {"eventId":"0f8fad5b-d9cb-469f-a165-70867728950e","eventType":"OrderPlaced",\
            "aggregateId":"ord-5f0c8a36","customerId":"cust-42","sequence":1,\
            "occurredAt":"2026-11-21T10:00:01Z","correlationId":"checkout-6b8a","schemaVersion":1,\
            "payload":{"customerId":"cust-42","currency":"EUR","total":"44.98",\
            "items":[{"sku":"SKU-RED-1","quantity":2,"unitPrice":"19.99"}]}}""";

    /** A plain mapper to edit the valid envelope with (not the strict one under test). */
    private static final ObjectMapper EDITOR = new ObjectMapper();

    private static ObjectNode validTree() {
        try {
            return (ObjectNode) EDITOR.readTree(VALID);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The valid envelope with {@code field} set to the JSON value {@code rawJson}. */
    private static String with(String field, String rawJson) {
        try {
            ObjectNode tree = validTree();
            JsonNode value = EDITOR.readTree(rawJson);
            tree.set(field, value);
            return EDITOR.writeValueAsString(tree);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String without(String field) {
        ObjectNode tree = validTree();
        tree.remove(field);
        return tree.toString();
    }

    // ---- valid ----

    @Test
    void parsesAValidEnvelopeIntoTheEvent() {
        OrderEvent event = EventCodec.decodeStrict(VALID);

        assertThat(event.eventId()).isEqualTo("0f8fad5b-d9cb-469f-a165-70867728950e");
        assertThat(event.eventType()).isEqualTo(EventType.OrderPlaced);
        assertThat(event.aggregateId()).isEqualTo("ord-5f0c8a36");
        assertThat(event.customerId()).isEqualTo("cust-42");
        assertThat(event.sequence()).isEqualTo(1);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-21T10:00:01Z"));
        assertThat(event.correlationId()).isEqualTo("checkout-6b8a");
        assertThat(event.payload()).isEqualTo(new OrderPlaced("cust-42", "EUR", new BigDecimal("44.98"),
                List.of(new OrderItem("SKU-RED-1", 2, new BigDecimal("19.99")))));
    }

    @Test
    void parsesEveryEventTypeWithAPayloadOfItsShape() {
        for (EventType type : EventType.values()) {
            OrderEvent event = Orders.event(type, "ord-1", "cust-1", 1);

            assertThat(EventCodec.decodeStrict(EventCodec.encode(event)).payload()).isEqualTo(event.payload());
        }
    }

    @Test
    void aMissingOrNullCorrelationIdIsNoCorrelationId() {
        assertThat(EventCodec.decodeStrict(without("correlationId")).correlationId()).isNull();
        assertThat(EventCodec.decodeStrict(with("correlationId", "null")).correlationId()).isNull();
    }

    @Test
    void acceptsAnEventIdOf128Characters() {
        String id = "e".repeat(128);

        assertThat(EventCodec.decodeStrict(with("eventId", "\"" + id + "\"")).eventId()).isEqualTo(id);
    }

    @Test
    void readsAnAmountWrittenAsAJsonNumberExactlyAndIgnoresFieldsItDoesNotKnow() {
        // Json.MAPPER reads decimals as BigDecimal: 0.10 is 0.10, not the double nearest to it.
        OrderEvent event = EventCodec.decodeStrict(VALID.replace("\"total\":\"44.98\"",
                "\"total\":0.10,\"shipping\":100.0"));

        assertThat(((OrderPlaced) event.payload()).total()).isEqualTo(new BigDecimal("0.10"));
    }

    @Test
    void readsAQuantityWrittenAsAStringOfDigitsAsTheOldReaderDid() {
        OrderEvent event = EventCodec.decodeStrict(VALID.replace("\"quantity\":2", "\"quantity\":\"2\""));

        assertThat(((OrderPlaced) event.payload()).items().get(0).quantity()).isEqualTo(2);
    }

    @Test
    void acceptsALaterSequenceAndAnInstantWithFractionalSeconds() {
        OrderEvent event = EventCodec.decodeStrict(with("sequence", "17").replace("2026-11-21T10:00:01Z",
                "2026-11-21T10:00:01.123456Z"));

        assertThat(event.sequence()).isEqualTo(17);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-21T10:00:01.123456Z"));
    }

    // ---- invalid ----

    static Stream<Arguments> invalidBodies() {
        String notJson = "body is not valid JSON";
        String notObject = "body is not a JSON object";
        String sequence = "sequence is missing or not a whole number >= 1";
        String payload = "payload is missing or not a JSON object";
        String version = "schemaVersion is missing or not a whole number";
        return Stream.of(
                arguments("empty", "", "body is empty"),
                arguments("blank", "  \n\t ", "body is empty"),
                arguments("not JSON", "not json", notJson),
                arguments("truncated JSON", VALID.substring(0, VALID.length() / 2), notJson),
                arguments("JSON array", "[" + VALID + "]", notObject),
                arguments("JSON string", "\"OrderPlaced\"", notObject),
                arguments("JSON number", "42", notObject),
                arguments("JSON null", "null", notObject),
                arguments("duplicate key", "{\"eventId\":\"other\"," + VALID.substring(1), "not valid JSON at line 1, column 29"),
                arguments("trailing garbage", VALID + " {}", notJson),
                arguments("trailing token", VALID + " x", notJson),
                arguments("comment", "/* c */" + VALID, notJson),
                arguments("missing eventId", without("eventId"), "eventId is missing"),
                arguments("missing eventType", without("eventType"), "eventType is missing"),
                arguments("missing aggregateId", without("aggregateId"), "aggregateId is missing"),
                arguments("missing customerId", without("customerId"), "customerId is missing"),
                arguments("missing sequence", without("sequence"), sequence),
                arguments("missing occurredAt", without("occurredAt"), "occurredAt is missing"),
                arguments("missing payload", without("payload"), payload),
                arguments("missing schemaVersion", without("schemaVersion"), version),
                arguments("sequence as string", with("sequence", "\"1\""), sequence),
                arguments("fractional sequence", with("sequence", "1.5"), sequence),
                arguments("sequence 0", with("sequence", "0"), sequence),
                arguments("negative sequence", with("sequence", "-3"), sequence),
                arguments("sequence beyond long", with("sequence", "99999999999999999999"), sequence),
                arguments("sequence null", with("sequence", "null"), sequence),
                arguments("eventId number", with("eventId", "42"), "eventId is not a non-empty string"),
                arguments("eventId empty", with("eventId", "\"\""), "eventId is not a non-empty string"),
                arguments("eventId blank", with("eventId", "\"   \""), "eventId is not a non-empty string"),
                arguments("eventId null", with("eventId", "null"), "eventId is missing"),
                arguments("eventId with a space", with("eventId", "\"evt 1\""), "eventId may contain only"),
                arguments("eventId with a hash", with("eventId", "\"evt#1\""), "eventId may contain only"),
                arguments("eventId with a newline", with("eventId", "\"evt\\n1\""), "eventId may contain only"),
                arguments("eventId with a non-ASCII letter", with("eventId", "\"évt-1\""), "eventId may contain only"),
                arguments("eventId of 129 characters", with("eventId", "\"" + "e".repeat(129) + "\""),
                        "eventId is longer than 128 characters"),
                arguments("aggregateId of 129 characters", with("aggregateId", "\"" + "o".repeat(129) + "\""),
                        "aggregateId is longer than 128 characters"),
                arguments("customerId null", with("customerId", "null"), "customerId is missing"),
                arguments("customerId object", with("customerId", "{}"), "customerId is not a non-empty string"),
                arguments("correlationId number", with("correlationId", "7"), "correlationId is not a non-empty string"),
                arguments("payload string", with("payload", "\"x\""), payload),
                arguments("payload array", with("payload", "[]"), payload),
                arguments("payload null", with("payload", "null"), payload),
                arguments("unknown eventType", with("eventType", "\"OrderShipped\""), "unknown eventType 'OrderShipped'"),
                arguments("eventType in wrong case", with("eventType", "\"orderplaced\""),
                        "unknown eventType 'orderplaced'"),
                arguments("eventType number", with("eventType", "1"), "eventType is not a non-empty string"),
                arguments("schemaVersion 2", with("schemaVersion", "2"), "schemaVersion 2 is not supported"),
                arguments("schemaVersion 0", with("schemaVersion", "0"), "schemaVersion 0 is not supported"),
                arguments("schemaVersion as string", with("schemaVersion", "\"1\""), version),
                arguments("schemaVersion null", with("schemaVersion", "null"), version),
                arguments("occurredAt yesterday", with("occurredAt", "\"yesterday\""),
                        "occurredAt is not an ISO-8601 instant"),
                arguments("occurredAt without time", with("occurredAt", "\"2026-11-21\""),
                        "occurredAt is not an ISO-8601 instant"),
                arguments("occurredAt without zone", with("occurredAt", "\"2026-11-21T10:00:01\""),
                        "occurredAt is not an ISO-8601 instant"),
                arguments("occurredAt as epoch number", with("occurredAt", "1795255200"),
                        "occurredAt is not a non-empty string"),
                // The payload, read by the shape of its event type.
                arguments("items a string", payload("items", "\"SKU-1 x2\""), "OrderPlaced payload: items is missing or not a list"),
                arguments("items missing", payloadWithout("items"), "OrderPlaced payload: items is missing or not a list"),
                arguments("an item a string", payload("items", "[\"SKU-1\"]"), "OrderPlaced payload: items[0] is not an object"),
                arguments("an item without sku", item("sku", null), "OrderPlaced payload: items[0].sku is not a string"),
                arguments("an item with a numeric sku", item("sku", "7"), "items[0].sku is not a string"),
                arguments("an item without quantity", item("quantity", null), "items[0].quantity is not a whole number in range"),
                arguments("a quantity in words", item("quantity", "\"two\""), "items[0].quantity is not a whole number in range"),
                // 2.5 units cannot be reserved as 2, nor 2^32 + 1 as 1 (Number.intValue()).
                arguments("a fractional quantity", item("quantity", "2.5"), "items[0].quantity is not a whole number in range"),
                arguments("a quantity beyond an int", item("quantity", "4294967297"), "items[0].quantity is not a whole number in range"),
                arguments("a unit price in words", item("unitPrice", "\"cheap\""), "items[0].unitPrice is not a decimal"),
                arguments("a unit price missing", item("unitPrice", null), "items[0].unitPrice is not a decimal"),
                arguments("a unit price with a fraction of a cent", item("unitPrice", "\"19.999\""),
                        "items[0].unitPrice has more than two decimals"),
                // Spliced in as text: the plain editor would read it as a double, Infinity.
                arguments("a total with a huge exponent",
                        payload("total", "\"HUGE\"").replace("\"HUGE\"", "1e2147483647"), "total is out of range"),
                arguments("a total of 19 digits", payload("total", "\"1000000000000000000\""), "total is out of range"),
                arguments("customerId missing from the payload", payloadWithout("customerId"),
                        "OrderPlaced payload: customerId is not a string"),
                arguments("currency a number", payload("currency", "978"), "OrderPlaced payload: currency is not a string"),
                arguments("OrderConfirmed without reserved", confirmed("reserved", null),
                        "OrderConfirmed payload: reserved is missing or not a list"),
                arguments("OrderConfirmed without total", confirmed("total", null), "OrderConfirmed payload: total is not a decimal"),
                arguments("OrderConfirmed with a reserved quantity in words", confirmed("reserved", "[{\"sku\":\"S\",\"quantity\":\"x\"}]"),
                        "OrderConfirmed payload: reserved[0].quantity is not a whole number in range"),
                arguments("OrderRejected without reason", rejected("reason", null), "OrderRejected payload: reason is not a string"),
                arguments("OrderRejected with available in words", rejected("shortages",
                        "[{\"sku\":\"S\",\"requested\":2,\"available\":\"none\"}]"),
                        "OrderRejected payload: shortages[0].available is not a whole number in range"));
    }

    /** The valid OrderPlaced envelope with payload field {@code field} set to {@code rawJson}. */
    private static String payload(String field, String rawJson) {
        ObjectNode tree = validTree();
        ((ObjectNode) tree.get("payload")).set(field, read(rawJson));
        return tree.toString();
    }

    private static String payloadWithout(String field) {
        ObjectNode tree = validTree();
        ((ObjectNode) tree.get("payload")).remove(field);
        return tree.toString();
    }

    /** The valid envelope with its first item's {@code field} set to {@code rawJson}, or removed for null. */
    private static String item(String field, String rawJson) {
        ObjectNode tree = validTree();
        ObjectNode item = (ObjectNode) tree.at("/payload/items/0");
        if (rawJson == null) {
            item.remove(field);
        } else {
            item.set(field, read(rawJson));
        }
        return tree.toString();
    }

    private static String confirmed(String field, String rawJson) {
        return changed(EventType.OrderConfirmed, field, rawJson);
    }

    private static String rejected(String field, String rawJson) {
        return changed(EventType.OrderRejected, field, rawJson);
    }

    /** A valid envelope of {@code type} with payload field {@code field} set to {@code rawJson}, or removed for null. */
    private static String changed(EventType type, String field, String rawJson) {
        ObjectNode tree = (ObjectNode) read(EventCodec.encode(Orders.event(type, "ord-1", "cust-1", 2)));
        ObjectNode payload = (ObjectNode) tree.get("payload");
        if (rawJson == null) {
            payload.remove(field);
        } else {
            payload.set(field, read(rawJson));
        }
        return tree.toString();
    }

    private static JsonNode read(String json) {
        try {
            return EDITOR.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void rejectsAnInvalidBodyWithAReasonNamingTheProblem(String problem, String body, String reason) {
        Throwable thrown = catchThrowable(() -> EventCodec.decodeStrict(body));

        assertThat(thrown).as("parsing a body with %s: %s", problem, body)
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void rejectsANullBody() {
        assertThat(catchThrowable(() -> EventCodec.decodeStrict(null)))
                .isInstanceOf(InvalidMessageException.class).hasMessage("body is empty");
    }

    @Test
    void theJsonErrorSaysWhereTheTextBreaksWithoutQuotingIt() {
        assertThat(catchThrowable(() -> EventCodec.decodeStrict("{\"eventId\": CARD4111111111111111}")))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("body is not valid JSON at line 1, column ")
                .hasMessageNotContaining("CARD4111111111111111");
    }

    @Test
    void theTypeCheckSeesTheTypeOfAValidEnvelopeBeforeThePayloadIsRead() {
        // An OrderConfirmed envelope around an OrderPlaced payload: a reader of OrderPlaced only must
        // learn that it got a type it does not read, not that "reserved" is missing.
        String confirmedType = with("eventType", "\"OrderConfirmed\"");
        List<EventType> seen = new ArrayList<>();

        Throwable thrown = catchThrowable(() -> EventCodec.decodeStrict(confirmedType, type -> {
            seen.add(type);
            throw new InvalidMessageException("eventType " + type + " is not handled by inventory");
        }));

        assertThat(seen).containsExactly(EventType.OrderConfirmed);
        assertThat(thrown).hasMessage("eventType OrderConfirmed is not handled by inventory");
        assertThat(catchThrowable(() -> EventCodec.decodeStrict(confirmedType)))
                .hasMessage("OrderConfirmed payload: reserved is missing or not a list");
    }

    @Test
    void theTypeCheckIsNotAskedAboutABrokenEnvelope() {
        List<EventType> seen = new ArrayList<>();

        Throwable thrown = catchThrowable(() -> EventCodec.decodeStrict(without("customerId"), seen::add));

        assertThat(thrown).hasMessage("customerId is missing");
        assertThat(seen).isEmpty();
    }

    @Test
    void anOutboxPayloadOfAnotherSchemaVersionIsRefusedAsAnEnvelopeWouldBe() {
        String payload = EventCodec.encodePayload(Orders.event(EventType.OrderPlaced, "ord-1", "cust-1", 1).payload());

        assertThat(catchThrowable(() -> EventCodec.decodePayload(EventType.OrderPlaced, 2, payload)))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("schemaVersion 2 is not supported (this consumer reads 1)");
        assertThat(catchThrowable(() -> EventCodec.decodePayload(EventType.OrderPlaced, 1, "{\"customerId\":")))
                .isInstanceOf(InvalidMessageException.class).hasMessageStartingWith("payload is not valid JSON");
        assertThat(catchThrowable(() -> EventCodec.decodePayload(EventType.OrderPlaced, 1, "[]")))
                .isInstanceOf(InvalidMessageException.class).hasMessage("payload is not a JSON object");
    }

    @Test
    void aMissingSchemaVersionIsReportedBeforeAnythingElse() {
        // A body of an unknown version may legitimately look different: the version is read first.
        String foreign = "{\"schemaVersion\": 2, \"type\": \"OrderPlaced\"}";

        assertThat(catchThrowable(() -> EventCodec.decodeStrict(foreign)))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("schemaVersion 2 is not supported (this consumer reads 1)");
    }
}
