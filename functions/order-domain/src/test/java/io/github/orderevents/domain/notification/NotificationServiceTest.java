package io.github.orderevents.domain.notification;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.EventPayload;
import io.github.orderevents.domain.OrderConfirmed;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.Priority;
import io.github.orderevents.domain.OrderItem;
import io.github.orderevents.domain.OrderPlaced;
import io.github.orderevents.domain.OrderRejected;
import io.github.orderevents.domain.inventory.StockShortage;
import io.github.orderevents.domain.consumer.ConsumeResult;
import io.github.orderevents.domain.consumer.SequenceGapException;
import io.github.orderevents.domain.testing.Orders;
import io.github.orderevents.domain.testing.ScriptedNotificationSender;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationServiceTest {
    private final ScriptedNotificationSender sender = new ScriptedNotificationSender();
    private final NotificationService service = new NotificationService(sender);

    private static final BigDecimal TOTAL = new BigDecimal("44.98");

    private static OrderEvent event(long sequence, EventPayload payload) {
        return new OrderEvent("evt-" + sequence, "ord-9", "cust-9", sequence, Orders.T0.plusSeconds(sequence),
                "corr-9", Priority.STANDARD, payload);
    }

    private static OrderConfirmed confirmed(String total) {
        return new OrderConfirmed("cust-9", new BigDecimal(total), "EUR", List.of(new OrderConfirmed.Reserved("SKU-1", 2)));
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
        OrderEvent confirmed = event(2, confirmed("10.00"));

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
        String text = Notification.about(event(1, new OrderPlaced("cust-9", "EUR", TOTAL,
                        List.of(new OrderItem("SKU-1", 2, new BigDecimal("22.49"))))))
                .message();

        assertThat(text).isEqualTo("We received your order ord-9 (44.98 EUR).");
    }

    @Test
    void aConfirmedOrderIsAnnouncedWithItsIdAndAmount() {
        String text = Notification.about(event(2, confirmed("44.98")))
                .message();

        assertThat(text).contains("ord-9").contains("confirmed").contains("44.98 EUR");
    }

    @Test
    void aRejectedOrderIsAnnouncedWithItsIdAndTheReason() {
        String text = Notification.about(event(2, new OrderRejected("cust-9",
                "SKU-1: 1 available, 2 requested", List.of(new StockShortage("SKU-1", 2, 1))))).message();

        assertThat(text).contains("ord-9").contains("SKU-1: 1 available, 2 requested");
    }
}
