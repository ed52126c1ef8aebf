package io.github.orderevents.aws.events;

import io.github.orderevents.domain.OrderConfirmed;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderItem;
import io.github.orderevents.domain.OrderPlaced;
import io.github.orderevents.domain.Priority;
import io.github.orderevents.domain.consumer.InvalidMessageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The lane on the wire: an express event's envelope says {@code "priority": "express"} (the golden
 * express-*.json bodies fix its place and spelling); a standard event's says nothing, so it is the body
 * written before lanes existed, and a body without the field is standard.
 */
class EventCodecLaneTest {
    private static final Instant PLACED_AT = Instant.parse("2026-11-21T10:00:01Z");
    private static final Instant ANSWERED_AT = Instant.parse("2026-11-21T10:00:02.500Z");
    private static final String ANSWER_ID = "a4a0b4c9-1a6c-3494-a43a-8082c9e028d4";
    private static final OrderPlaced PLACED = new OrderPlaced("cust-42", "EUR", new BigDecimal("44.90"), List.of(
            new OrderItem("SKU-RED-1", 2, new BigDecimal("19.95")), new OrderItem("SKU-BLUE-7", 1, new BigDecimal("5.00"))));
    private static final OrderConfirmed CONFIRMED = new OrderConfirmed("cust-42", new BigDecimal("44.90"), "EUR",
            List.of(new OrderConfirmed.Reserved("SKU-BLUE-7", 1), new OrderConfirmed.Reserved("SKU-RED-1", 2)));

    static Stream<Arguments> expressEnvelopes() {
        return Stream.of(
                arguments("express-order-placed.json",
                        new OrderEvent("evt-3", "ord-3", "cust-42", 1, PLACED_AT, "checkout-6b8a", Priority.EXPRESS, PLACED)),
                arguments("express-order-confirmed.json",
                        new OrderEvent(ANSWER_ID, "ord-3", "cust-42", 2, ANSWERED_AT, "checkout-6b8a", Priority.EXPRESS, CONFIRMED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expressEnvelopes")
    void decodesAnExpressBodyIntoAnExpressEvent(String fixture, OrderEvent expected) {
        assertThat(EventCodec.decodeStrict(golden(fixture))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expressEnvelopes")
    void encodesAnExpressEventWithItsPriorityAfterTheCorrelationId(String fixture, OrderEvent event) {
        assertThat(EventCodec.encode(event)).isEqualTo(golden(fixture));
    }

    @Test
    void aStandardEventsBodyIsTheExpressBodyWithoutThePriority() {
        String express = golden("express-order-placed.json");
        OrderEvent standard = new OrderEvent("evt-3", "ord-3", "cust-42", 1, PLACED_AT, "checkout-6b8a", Priority.STANDARD,
                PLACED);

        assertThat(EventCodec.encode(standard)).isEqualTo(express.replace("\"priority\":\"express\",", ""))
                .doesNotContain("priority");
    }

    @Test
    void aBodyWithoutPriorityIsAStandardEvent() {
        assertThat(EventCodec.decodeStrict(golden("order-placed.json")).priority()).isEqualTo(Priority.STANDARD);
    }

    @Test
    void aBodyThatSaysStandardIsAStandardEventAndReencodesWithoutThePriority() {
        String body = golden("express-order-placed.json").replace("\"express\"", "\"standard\"");

        OrderEvent decoded = EventCodec.decodeStrict(body);

        assertThat(decoded.priority()).isEqualTo(Priority.STANDARD);
        assertThat(EventCodec.encode(decoded)).doesNotContain("priority");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"urgent\"", "\"EXPRESS\"", "\"\""})
    void aPriorityThatIsNoLaneIsRefusedWithAReasonNamingIt(String value) {
        String body = golden("express-order-placed.json").replace("\"express\"", value);

        assertThatThrownBy(() -> EventCodec.decodeStrict(body))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("priority " + value.replace('"', '\'') + " is not a lane (standard or express)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1", "true", "null", "[\"express\"]", "{\"lane\":\"express\"}"})
    void aPriorityThatIsNotAStringIsRefused(String value) {
        String body = golden("express-order-placed.json").replace("\"express\"", value);

        assertThatThrownBy(() -> EventCodec.decodeStrict(body))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("priority is not a string (standard or express)");
    }

    @Test
    void aVeryLongPriorityIsQuotedOnlyInPartInTheReason() {
        String body = golden("express-order-placed.json").replace("\"express\"", "\"" + "x".repeat(5000) + "\"");

        assertThatThrownBy(() -> EventCodec.decodeStrict(body))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("x".repeat(32) + "...'")
                .hasMessageNotContaining("x".repeat(33));
    }

    @Test
    void theLenientReadOfABadPriorityReportsTheProblem() {
        String body = golden("express-order-placed.json").replace("\"express\"", "\"urgent\"");

        assertThat(EventCodec.decodeLenient(body).problem()).contains("priority 'urgent'");
    }

    private static String golden(String name) {
        try (InputStream in = EventCodecLaneTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden/%s on the test classpath", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
