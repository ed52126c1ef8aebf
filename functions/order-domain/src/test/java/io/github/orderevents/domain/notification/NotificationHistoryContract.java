package io.github.orderevents.domain.notification;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link NotificationHistory} must do; the in-memory fake and the DynamoDB adapter both run it. */
public abstract class NotificationHistoryContract {

    /** The port under test, over a history with no notifications in it. */
    protected abstract NotificationHistory history();

    /** Records these notifications as sent, in this order, the way the notification consumer does. */
    protected abstract void record(List<Notification> notifications);

    /** The first notification of {@code orderId}, for {@code customerId}, {@code secondsAfterT0} after T0. */
    private static Notification placed(String orderId, String customerId, long secondsAfterT0) {
        return Notification.about(Orders.eventAt(EventType.OrderPlaced, orderId, customerId, 1,
                Orders.T0.plusSeconds(secondsAfterT0)));
    }

    private static List<String> eventIds(NotificationPage page) {
        return page.notifications().stream().map(Notification::eventId).toList();
    }

    @Test
    void anUnknownCustomerHasAnEmptyPageWithoutToken() {
        record(List.of(placed("ord-1", "cust-1", 1)));

        NotificationPage page = history().list("cust-none", 10, Optional.empty());

        assertThat(page.notifications()).isEmpty();
        assertThat(page.nextToken()).isEmpty();
    }

    @Test
    void listsInEventOrderByOccurredAtThenEventIdWhateverTheOrderRecorded() {
        record(List.of(placed("ord-c", "cust-1", 30), placed("ord-b", "cust-1", 10), placed("ord-a", "cust-1", 10),
                placed("ord-d", "cust-1", 5)));

        NotificationPage page = history().list("cust-1", 10, Optional.empty());

        assertThat(eventIds(page)).containsExactly("evt-ord-d-1", "evt-ord-a-1", "evt-ord-b-1", "evt-ord-c-1");
        assertThat(page.nextToken()).isEmpty();
    }

    @Test
    void readsBackEveryFieldOfANotification() {
        Notification sent = placed("ord-1", "cust-1", 1);
        record(List.of(sent));

        assertThat(history().list("cust-1", 10, Optional.empty()).notifications()).containsExactly(sent);
    }

    @Test
    void readsBackANotificationWithoutCorrelationId() {
        Notification plain = new Notification("cust-1", "evt-1", EventType.OrderPlaced, "ord-1", 1,
                Orders.T0.plusSeconds(1), "hi", null);
        record(List.of(plain));

        assertThat(history().list("cust-1", 10, Optional.empty()).notifications()).containsExactly(plain);
    }

    @Test
    void listsAnInstantOnTheSecondBeforeOneHalfASecondLater() {
        Instant exact = Instant.parse("2026-11-21T10:00:00Z");
        Instant halfLater = Instant.parse("2026-11-21T10:00:00.500Z");
        // As Instant.toString() text the later instant sorts first ('.' < 'Z'): a store must not sort that text.
        assertThat(halfLater.toString()).isLessThan(exact.toString());
        Notification later = Notification.about(Orders.eventAt(EventType.OrderPlaced, "ord-b", "cust-1", 1, halfLater));
        Notification earlier = Notification.about(Orders.eventAt(EventType.OrderPlaced, "ord-a", "cust-1", 1, exact));
        record(List.of(later, earlier));

        assertThat(history().list("cust-1", 10, Optional.empty()).notifications()).containsExactly(earlier, later);
    }

    @Test
    void leavesOutOtherCustomersNotifications() {
        record(List.of(placed("ord-0", "cust-0", 0), placed("ord-1", "cust-1", 1), placed("ord-2", "cust-2", 2)));

        assertThat(eventIds(history().list("cust-1", 10, Optional.empty()))).containsExactly("evt-ord-1-1");
    }

    @Test
    void pagesVisitEveryNotificationOnceInOrderAndTheLastHasNoToken() {
        record(List.of(placed("ord-1", "cust-1", 1), placed("ord-2", "cust-1", 2), placed("ord-3", "cust-1", 3),
                placed("ord-4", "cust-1", 4), placed("ord-5", "cust-1", 5)));

        NotificationPage first = history().list("cust-1", 2, Optional.empty());
        NotificationPage second = history().list("cust-1", 2, first.nextToken());
        NotificationPage third = history().list("cust-1", 2, second.nextToken());

        assertThat(eventIds(first)).containsExactly("evt-ord-1-1", "evt-ord-2-1");
        assertThat(eventIds(second)).containsExactly("evt-ord-3-1", "evt-ord-4-1");
        assertThat(eventIds(third)).containsExactly("evt-ord-5-1");
        assertThat(first.nextToken()).isPresent();
        assertThat(second.nextToken()).isPresent();
        assertThat(third.nextToken()).isEmpty();
    }

    @Test
    void aFullLastPageHasNoTokenSoThereIsNoEmptyPage() {
        record(List.of(placed("ord-1", "cust-1", 1), placed("ord-2", "cust-1", 2), placed("ord-3", "cust-1", 3),
                placed("ord-4", "cust-1", 4)));

        NotificationPage first = history().list("cust-1", 2, Optional.empty());
        NotificationPage last = history().list("cust-1", 2, first.nextToken());

        assertThat(eventIds(last)).containsExactly("evt-ord-3-1", "evt-ord-4-1");
        assertThat(last.nextToken()).isEmpty();
    }

    @Test
    void acceptsItsOwnTokenEndingOnAnEventIdWithUnusualCharacters() {
        // The consumers' strict codec accepts any non-blank eventId of up to 128 characters, stored as it is.
        Notification unusual = new Notification("cust-1", "evt_1.retry:2", EventType.OrderPlaced, "ord-1", 1,
                Orders.T0.plusSeconds(1), "first", null);
        Notification next = Notification.about(Orders.eventAt(EventType.OrderConfirmed, "ord-1", "cust-1", 2,
                Orders.T0.plusSeconds(2)));
        record(List.of(unusual, next));
        Optional<String> token = history().list("cust-1", 1, Optional.empty()).nextToken();

        assertThat(history().list("cust-1", 1, token).notifications()).containsExactly(next);
    }

    @Test
    void refusesATokenItDidNotHandOut() {
        record(List.of(placed("ord-1", "cust-1", 1)));

        assertThatThrownBy(() -> history().list("cust-1", 10, Optional.of("not-a-token")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
