package io.github.orderevents.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.consumer.InvalidMessageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class EnvelopeParserTest {
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
        OrderEvent event = EnvelopeParser.parse(VALID);

        assertThat(event.eventId()).isEqualTo("0f8fad5b-d9cb-469f-a165-70867728950e");
        assertThat(event.eventType()).isEqualTo(EventType.OrderPlaced);
        assertThat(event.aggregateId()).isEqualTo("ord-5f0c8a36");
        assertThat(event.customerId()).isEqualTo("cust-42");
        assertThat(event.sequence()).isEqualTo(1);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-21T10:00:01Z"));
        assertThat(event.correlationId()).isEqualTo("checkout-6b8a");
        assertThat(event.schemaVersion()).isEqualTo(1);
        assertThat(event.payload()).containsEntry("customerId", "cust-42").containsEntry("currency", "EUR")
                .containsEntry("total", "44.98")
                .containsEntry("items", List.of(Map.of("sku", "SKU-RED-1", "quantity", 2, "unitPrice", "19.99")));
    }

    @Test
    void parsesEveryEventType() {
        for (EventType type : EventType.values()) {
            assertThat(EnvelopeParser.parse(with("eventType", "\"" + type.name() + "\"")).eventType()).isEqualTo(type);
        }
    }

    @Test
    void aMissingOrNullCorrelationIdIsNoCorrelationId() {
        assertThat(EnvelopeParser.parse(without("correlationId")).correlationId()).isNull();
        assertThat(EnvelopeParser.parse(with("correlationId", "null")).correlationId()).isNull();
    }

    @Test
    void acceptsAnEventIdOf128Characters() {
        String id = "e".repeat(128);

        assertThat(EnvelopeParser.parse(with("eventId", "\"" + id + "\"")).eventId()).isEqualTo(id);
    }

    @Test
    void keepsDecimalsInThePayloadExactlyAsWritten() {
        // Json.MAPPER: BigDecimal, trailing zeros kept (0.10 stays 0.10, 100.0 does not become 1E+2).
        OrderEvent event = EnvelopeParser.parse(VALID.replace("\"total\":\"44.98\"",
                "\"total\":0.10,\"shipping\":100.0"));

        assertThat(event.payload().get("total")).isEqualTo(new BigDecimal("0.10"));
        assertThat(event.payload().get("shipping")).isEqualTo(new BigDecimal("100.0"));
    }

    @Test
    void acceptsALaterSequenceAndAnInstantWithFractionalSeconds() {
        OrderEvent event = EnvelopeParser.parse(with("sequence", "17").replace("2026-11-21T10:00:01Z",
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
                        "occurredAt is not a non-empty string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void rejectsAnInvalidBodyWithAReasonNamingTheProblem(String problem, String body, String reason) {
        Throwable thrown = catchThrowable(() -> EnvelopeParser.parse(body));

        assertThat(thrown).as("parsing a body with %s: %s", problem, body)
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void rejectsANullBody() {
        assertThat(catchThrowable(() -> EnvelopeParser.parse(null)))
                .isInstanceOf(InvalidMessageException.class).hasMessage("body is empty");
    }

    @Test
    void theJsonErrorSaysWhereTheTextBreaksWithoutQuotingIt() {
        assertThat(catchThrowable(() -> EnvelopeParser.parse("{\"eventId\": CARD4111111111111111}")))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("body is not valid JSON at line 1, column ")
                .hasMessageNotContaining("CARD4111111111111111");
    }

    @Test
    void aMissingSchemaVersionIsReportedBeforeAnythingElse() {
        // A body of an unknown version may legitimately look different: the version is read first.
        String foreign = "{\"schemaVersion\": 2, \"type\": \"OrderPlaced\"}";

        assertThat(catchThrowable(() -> EnvelopeParser.parse(foreign)))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("schemaVersion 2 is not supported (this consumer reads 1)");
    }
}
