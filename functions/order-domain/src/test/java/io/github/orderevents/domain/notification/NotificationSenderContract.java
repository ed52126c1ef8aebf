package io.github.orderevents.domain.notification;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.testing.Orders;
import io.github.orderevents.domain.testing.Race;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link NotificationSender} must do; the in-memory fake and the DynamoDB adapter both run it. */
public abstract class NotificationSenderContract {

    /** The port under test, with nothing sent yet. */
    protected abstract NotificationSender sender();

    /** The event ids of every notification sent to this customer, in any order. */
    protected abstract List<String> sentTo(String customerId);

    private static Notification about(String orderId, long sequence) {
        EventType type = sequence == 1 ? EventType.OrderPlaced : EventType.OrderConfirmed;
        return Notification.about(Orders.event(type, orderId, "cust-1", sequence));
    }

    @Test
    void sendsTheFirstNotificationOfAnOrder() {
        assertThat(sender().send(about("ord-1", 1))).isEqualTo(new Delivery.Sent());
        assertThat(sentTo("cust-1")).containsExactly("evt-ord-1-1");
    }

    @Test
    void sendsTheNextSequenceAfterTheLastOne() {
        sender().send(about("ord-1", 1));

        assertThat(sender().send(about("ord-1", 2))).isEqualTo(new Delivery.Sent());
        assertThat(sentTo("cust-1")).containsExactlyInAnyOrder("evt-ord-1-1", "evt-ord-1-2");
    }

    @Test
    void aRepeatIsAlreadySentAndSentOnlyOnce() {
        sender().send(about("ord-1", 1));

        assertThat(sender().send(about("ord-1", 1))).isEqualTo(new Delivery.AlreadySent(1));
        assertThat(sentTo("cust-1")).containsExactly("evt-ord-1-1");
    }

    @Test
    void twoIdenticalSendsAtTheSameMomentSendOnceAndTheLoserIsAlreadySent() throws Exception {
        List<Delivery> deliveries = Race.ofTwo(() -> sender().send(about("ord-1", 1)));

        assertThat(deliveries).containsExactlyInAnyOrder(new Delivery.Sent(), new Delivery.AlreadySent(1));
        assertThat(sentTo("cust-1")).containsExactly("evt-ord-1-1");
    }

    @Test
    void anOlderSequenceAfterALaterOneIsAlreadySentWithTheLatest() {
        sender().send(about("ord-1", 1));
        sender().send(about("ord-1", 2));

        assertThat(sender().send(about("ord-1", 1))).isEqualTo(new Delivery.AlreadySent(2));
        assertThat(sentTo("cust-1")).containsExactlyInAnyOrder("evt-ord-1-1", "evt-ord-1-2");
    }

    @Test
    void skippingASequenceIsOutOfSequenceAndSendsNothing() {
        sender().send(about("ord-1", 1));

        assertThat(sender().send(about("ord-1", 3))).isEqualTo(new Delivery.OutOfSequence(1));
        assertThat(sentTo("cust-1")).containsExactly("evt-ord-1-1");
    }

    @Test
    void aLaterSequenceOfAnOrderNeverNotifiedIsOutOfSequenceAtZero() {
        assertThat(sender().send(about("ord-1", 2))).isEqualTo(new Delivery.OutOfSequence(0));
        assertThat(sentTo("cust-1")).isEmpty();
    }

    @Test
    void sequencesEachOrderOfACustomerOnItsOwn() {
        sender().send(about("ord-1", 1));
        sender().send(about("ord-1", 2));

        assertThat(sender().send(about("ord-2", 1))).isEqualTo(new Delivery.Sent());
        assertThat(sender().send(about("ord-2", 3))).isEqualTo(new Delivery.OutOfSequence(1));
        assertThat(sender().send(about("ord-2", 2))).isEqualTo(new Delivery.Sent());
        assertThat(sentTo("cust-1")).containsExactlyInAnyOrder("evt-ord-1-1", "evt-ord-1-2", "evt-ord-2-1", "evt-ord-2-2");
    }
}
