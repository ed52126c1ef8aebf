package io.github.orderevents.aws.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.Json;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventEnvelopeTest {
    private static final Map<String, Object> PAYLOAD = Map.of(
            "customerId", "cust-42",
            "currency", "EUR",
            "total", "44.98",
            "items", List.of(Map.of("sku", "SKU-RED-1", "quantity", 2, "unitPrice", "19.99")));

    private static OrderEvent event(String correlationId) {
        return new OrderEvent("0f8fad5b-d9cb-469f-a165-70867728950e", EventType.OrderPlaced,
                "ord-5f0c8a36-1d5e-3c0e-9a3b-7e1f2d4c6b8a", "cust-42", 3,
                Instant.parse("2026-11-21T10:00:01Z"), correlationId, 1, PAYLOAD);
    }

    private static JsonNode envelope(OrderEvent event) throws Exception {
        return Json.MAPPER.readTree(EventEnvelope.toJson(event));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void hasExactlyTheEnvelopeFields() throws Exception {
        JsonNode envelope = envelope(event("checkout-7f3a"));

        assertThat(fieldNames(envelope)).containsExactlyInAnyOrder("eventId", "eventType", "aggregateId",
                "customerId", "sequence", "occurredAt", "correlationId", "schemaVersion", "payload");
    }

    @Test
    void carriesTheEventsValuesWithTheirJsonTypes() throws Exception {
        JsonNode envelope = envelope(event("checkout-7f3a"));

        assertThat(envelope.get("eventId").textValue()).isEqualTo("0f8fad5b-d9cb-469f-a165-70867728950e");
        assertThat(envelope.get("eventType").textValue()).isEqualTo("OrderPlaced");
        assertThat(envelope.get("aggregateId").textValue()).isEqualTo("ord-5f0c8a36-1d5e-3c0e-9a3b-7e1f2d4c6b8a");
        assertThat(envelope.get("customerId").textValue()).isEqualTo("cust-42");
        assertThat(envelope.get("sequence").isIntegralNumber()).isTrue();
        assertThat(envelope.get("sequence").longValue()).isEqualTo(3);
        assertThat(envelope.get("occurredAt").textValue()).isEqualTo("2026-11-21T10:00:01Z");
        assertThat(envelope.get("correlationId").textValue()).isEqualTo("checkout-7f3a");
        assertThat(envelope.get("schemaVersion").isIntegralNumber()).isTrue();
        assertThat(envelope.get("schemaVersion").intValue()).isEqualTo(1);
    }

    @Test
    void carriesThePayloadAsANestedObjectNotAString() throws Exception {
        JsonNode payload = envelope(event("checkout-7f3a")).get("payload");

        assertThat(payload.isObject()).isTrue();
        assertThat(payload).isEqualTo(Json.MAPPER.valueToTree(PAYLOAD));
        assertThat(payload.get("total").textValue()).isEqualTo("44.98");
        assertThat(payload.at("/items/0/quantity").intValue()).isEqualTo(2);
    }

    @Test
    void keepsALargeSequenceExact() throws Exception {
        long large = 9_007_199_254_740_993L; // 2^53 + 1: not representable as a double
        OrderEvent event = new OrderEvent("e-1", EventType.OrderConfirmed, "ord-1", "cust-1", large,
                Instant.parse("2026-11-21T10:00:01.123456789Z"), "c-1", 1, new LinkedHashMap<>());

        JsonNode envelope = envelope(event);

        assertThat(envelope.get("sequence").longValue()).isEqualTo(large);
        assertThat(envelope.get("occurredAt").textValue()).isEqualTo("2026-11-21T10:00:01.123456789Z");
        assertThat(envelope.get("payload").isObject()).isTrue();
        assertThat(envelope.get("payload").size()).isZero();
    }

    @Test
    void writesAMissingCorrelationIdAsNullKeepingTheSameFields() throws Exception {
        JsonNode envelope = envelope(event(null));

        assertThat(fieldNames(envelope)).hasSize(9).contains("correlationId");
        assertThat(envelope.get("correlationId").isNull()).isTrue();
    }
}
