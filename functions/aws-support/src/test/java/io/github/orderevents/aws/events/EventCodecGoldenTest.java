package io.github.orderevents.aws.events;

import io.github.orderevents.domain.Priority;
import io.github.orderevents.domain.EventPayload;
import io.github.orderevents.domain.OrderConfirmed;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderItem;
import io.github.orderevents.domain.OrderPlaced;
import io.github.orderevents.domain.OrderRejected;
import io.github.orderevents.domain.inventory.StockShortage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The wire format is fixed: the bodies and outbox payloads in resources/golden were written by the code
 * that preceded this codec (so messages already in a queue or a DLQ look like them), and the codec reads
 * each into the event it stands for and writes that event back to the same bytes.
 */
class EventCodecGoldenTest {
    private static final Instant PLACED_AT = Instant.parse("2026-11-21T10:00:01Z");
    private static final Instant ANSWERED_AT = Instant.parse("2026-11-21T10:00:02.500Z");
    private static final String ANSWER_ID = "a4a0b4c9-1a6c-3494-a43a-8082c9e028d4";

    private static final OrderPlaced PLACED = new OrderPlaced("cust-42", "EUR", new BigDecimal("44.90"), List.of(
            new OrderItem("SKU-RED-1", 2, new BigDecimal("19.95")), new OrderItem("SKU-BLUE-7", 1, new BigDecimal("5.00"))));
    private static final OrderConfirmed CONFIRMED = new OrderConfirmed("cust-42", new BigDecimal("44.90"), "EUR",
            List.of(new OrderConfirmed.Reserved("SKU-BLUE-7", 1), new OrderConfirmed.Reserved("SKU-RED-1", 2)));
    private static final OrderRejected REJECTED = new OrderRejected("cust-42",
            "SKU-BLUE-7: unknown SKU; SKU-RED-1: 1 available, 2 requested",
            List.of(new StockShortage("SKU-BLUE-7", 1, null), new StockShortage("SKU-RED-1", 2, 1)));

    static Stream<Arguments> envelopes() {
        return Stream.of(
                arguments("order-placed.json",
                        new OrderEvent("evt-1", "ord-1", "cust-42", 1, PLACED_AT, "checkout-6b8a", Priority.STANDARD, PLACED)),
                arguments("order-placed-without-correlation.json",
                        new OrderEvent("evt-2", "ord-2", "cust-7", 1, PLACED_AT, null, Priority.STANDARD, new OrderPlaced("cust-7", "EUR",
                                new BigDecimal("19.99"), List.of(new OrderItem("SKU-RED-1", 1, new BigDecimal("19.99")))))),
                arguments("order-confirmed.json",
                        new OrderEvent(ANSWER_ID, "ord-1", "cust-42", 2, ANSWERED_AT, "checkout-6b8a", Priority.STANDARD, CONFIRMED)),
                arguments("order-rejected.json",
                        new OrderEvent(ANSWER_ID, "ord-1", "cust-42", 2, ANSWERED_AT, "checkout-6b8a", Priority.STANDARD, REJECTED)));
    }

    static Stream<Arguments> outboxPayloads() {
        return Stream.of(arguments("outbox-payload-order-placed.json", PLACED),
                arguments("outbox-payload-order-confirmed.json", CONFIRMED),
                arguments("outbox-payload-order-rejected.json", REJECTED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envelopes")
    void decodesTheBodyStrictlyIntoTheEventItStandsFor(String fixture, OrderEvent expected) {
        assertThat(EventCodec.decodeStrict(golden(fixture))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envelopes")
    void encodesTheEventToExactlyTheBodyTheOldCodeWrote(String fixture, OrderEvent event) {
        assertThat(EventCodec.encode(event)).isEqualTo(golden(fixture));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envelopes")
    void aDecodedBodyReencodesToTheSameBytes(String fixture, OrderEvent ignored) {
        String body = golden(fixture);

        assertThat(EventCodec.encode(EventCodec.decodeStrict(body))).isEqualTo(body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outboxPayloads")
    void decodesAndReencodesTheOutboxRowsPayloadUnchanged(String fixture, EventPayload expected) {
        String json = golden(fixture);

        EventPayload decoded = EventCodec.decodePayload(expected.eventType(), EventCodec.SCHEMA_VERSION, json);

        assertThat(decoded).isEqualTo(expected);
        assertThat(EventCodec.encodePayload(decoded)).isEqualTo(json);
    }

    @Test
    void readsAConfirmationWhoseReservedLinesHaveQuantityFirst() {
        // The old code built these lines with Map.of, whose key order varies between JVM runs: a DLQ may
        // hold either order. Both decode to the same event; it is written back sku first.
        OrderEvent decoded = EventCodec.decodeStrict(golden("order-confirmed-quantity-first.json"));

        assertThat(decoded).isEqualTo(EventCodec.decodeStrict(golden("order-confirmed.json")));
        assertThat(EventCodec.encode(decoded)).isEqualTo(golden("order-confirmed.json"));
    }

    private static String golden(String name) {
        try (InputStream in = EventCodecGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden/%s on the test classpath", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
