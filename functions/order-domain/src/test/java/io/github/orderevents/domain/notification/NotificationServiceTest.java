package io.github.orderevents.domain.notification;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.consumer.ConsumeResult;
import io.github.orderevents.domain.consumer.SequenceGapException;
import io.github.orderevents.domain.testing.Orders;
import io.github.orderevents.domain.testing.ScriptedNotificationSender;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationServiceTest {
    private final ScriptedNotificationSender sender = new ScriptedNotificationSender();
    private final NotificationService service = new NotificationService(sender);

    private static OrderEvent event(EventType type, long sequence, Map<String, Object> payload) {
        return new OrderEvent("evt-" + sequence, type, "ord-9", "cust-9", sequence, Orders.T0.plusSeconds(sequence),
                "corr-9", OrderEvent.SCHEMA_VERSION, payload);
    }

    @Test
    void aSentNotificationIsApplied() {
        OrderEvent placed = Orders.event(EventType.OrderPlaced, "ord-1", "cust-1", 1);

        assertThat(service.consume(placed)).isEqualTo(ConsumeResult.APPLIED);
        assertThat(sender.received()).containsExactly(Notification.about(placed));
    }

    @Test
    void aNotificationSentBeforeIsADuplicate() {
        sender.answers(new Delivery.AlreadySent(3));

        assertThat(service.consume(Orders.event(EventType.OrderPlaced, "ord-1", "cust-1", 1)))
                .isEqualTo(ConsumeResult.DUPLICATE);
    }

    @Test
    void aNotificationAheadOfItsPredecessorIsASequenceGap() {
        sender.answers(new Delivery.OutOfSequence(1));

        assertThatThrownBy(() -> service.consume(Orders.event(EventType.OrderConfirmed, "ord-1", "cust-1", 3)))
                .isInstanceOf(SequenceGapException.class)
                .hasMessage("sequence gap for ord-1: got 3, last applied 1");
    }

    @Test
    void handlesEveryEventType() {
        assertThat(service.handledTypes()).containsExactlyInAnyOrder(EventType.values());
    }

    @Test
    void theNotificationCarriesTheEventsIdentity() {
        OrderEvent confirmed = event(EventType.OrderConfirmed, 2, Map.of("total", "10.00", "currency", "EUR"));

        Notification n = Notification.about(confirmed);

        assertThat(n.customerId()).isEqualTo("cust-9");
        assertThat(n.eventId()).isEqualTo("evt-2");
        assertThat(n.eventType()).isEqualTo(EventType.OrderConfirmed);
        assertThat(n.orderId()).isEqualTo("ord-9");
        assertThat(n.sequence()).isEqualTo(2);
        assertThat(n.occurredAt()).isEqualTo(Orders.T0.plusSeconds(2));
        assertThat(n.correlationId()).isEqualTo("corr-9");
    }

    @Test
    void aPlacedOrderIsAcknowledgedWithItsIdAndAmount() {
        String text = Notification.about(event(EventType.OrderPlaced, 1, Map.of("total", "44.98", "currency", "EUR")))
                .message();

        assertThat(text).isEqualTo("We received your order ord-9 (44.98 EUR).");
    }

    @Test
    void aConfirmedOrderIsAnnouncedWithItsIdAndAmount() {
        String text = Notification.about(event(EventType.OrderConfirmed, 2, Map.of("total", "44.98", "currency", "EUR")))
                .message();

        assertThat(text).contains("ord-9").contains("confirmed").contains("44.98 EUR");
    }

    @Test
    void aRejectedOrderIsAnnouncedWithItsIdAndTheReason() {
        String text = Notification.about(event(EventType.OrderRejected, 2,
                Map.of("reason", "SKU-1: 1 available, 2 requested"))).message();

        assertThat(text).contains("ord-9").contains("SKU-1: 1 available, 2 requested");
    }

    @Test
    void aRejectionWithoutReasonSaysSo() {
        String text = Notification.about(event(EventType.OrderRejected, 2, Map.of())).message();

        assertThat(text).contains("ord-9").contains("no reason given");
    }

    @Test
    void anEventWithoutTotalGetsATextWithoutAmount() {
        String text = Notification.about(event(EventType.OrderPlaced, 1, Map.of())).message();

        assertThat(text).isEqualTo("We received your order ord-9.");
    }
}
