package io.github.orderevents.aws.dynamo;

import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.TestTables;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.notification.Delivery;
import io.github.orderevents.domain.notification.Notification;
import io.github.orderevents.domain.notification.NotificationPage;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A customer's notifications read back from DynamoDB Local: event-time order, paged by an opaque token. */
class DynamoNotificationHistoryTest {
    @RegisterExtension
    static final EmbeddedDynamo DYNAMO_LOCAL = new EmbeddedDynamo();
    private final DynamoDbClient dynamo = DYNAMO_LOCAL.client();
    private DynamoNotifications sender;
    private DynamoNotificationHistory history;

    @BeforeEach
    void freshTables() {
        TestTables tables = TestTables.create(dynamo);
        sender = new DynamoNotifications(dynamo, tables.notifications(), tables.checkpoints(),
                Clock.fixed(Orders.T0.plus(Duration.ofHours(1)), ZoneOffset.UTC));
        history = new DynamoNotificationHistory(dynamo, tables.notifications());
    }

    @Test
    void listsACustomersNotificationsOldestFirstEvenWhenRecordedOutOfOrderAcrossOrders() {
        Notification a1 = notification("cust-1", "ord-a", 1, at(30));
        Notification a2 = notification("cust-1", "ord-a", 2, at(50));
        Notification b1 = notification("cust-1", "ord-b", 1, at(10));
        Notification b2 = notification("cust-1", "ord-b", 2, at(40));
        send(a1, a2, b1, b2);

        NotificationPage page = history.list("cust-1", 10, Optional.empty());

        assertThat(page.notifications()).containsExactly(b1, a1, b2, a2);
        assertThat(page.nextToken()).isEmpty();
    }

    @Test
    void leavesOutOtherCustomersNotifications() {
        Notification mine = notification("cust-1", "ord-1", 1, at(10));
        send(notification("cust-0", "ord-0", 1, at(5)), mine, notification("cust-2", "ord-2", 1, at(20)));

        assertThat(history.list("cust-1", 10, Optional.empty()).notifications()).containsExactly(mine);
    }

    @Test
    void readsBackANotificationWithoutCorrelationId() {
        Notification plain = new Notification("cust-1", "evt-1", EventType.OrderPlaced, "ord-1", 1, at(1), "hi", null);
        send(plain);

        assertThat(history.list("cust-1", 10, Optional.empty()).notifications()).containsExactly(plain);
    }

    @Test
    void pagingWithLimitAndNextTokenVisitsEveryNotificationOnceInOrder() {
        List<Notification> all = new ArrayList<>();
        for (int order = 1; order <= 4; order++) {
            for (int sequence = 1; sequence <= 2; sequence++) {
                all.add(notification("cust-1", "ord-" + order, sequence, at(order * 7L + sequence * 11L)));
            }
        }
        send(all.toArray(Notification[]::new));
        List<Notification> expected = all.stream()
                .sorted((x, y) -> x.occurredAt().compareTo(y.occurredAt())).toList();

        List<Notification> visited = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            NotificationPage page = history.list("cust-1", 3, token);
            visited.addAll(page.notifications());
            pageSizes.add(page.notifications().size());
            token = page.nextToken();
        } while (token.isPresent() && pageSizes.size() < 10);

        assertThat(visited).containsExactlyElementsOf(expected);
        assertThat(pageSizes).startsWith(3, 3, 2);
    }

    @Test
    void pagingEndsWhenTheLastPageIsExactlyFull() {
        List<Notification> all = new ArrayList<>();
        for (int order = 1; order <= 6; order++) {
            all.add(notification("cust-1", "ord-" + order, 1, at(order)));
        }
        send(all.toArray(Notification[]::new));

        List<Notification> visited = new ArrayList<>();
        int pages = 0;
        Optional<String> token = Optional.empty();
        do {
            NotificationPage page = history.list("cust-1", 3, token);
            visited.addAll(page.notifications());
            pages++;
            token = page.nextToken();
        } while (token.isPresent() && pages < 10);

        assertThat(visited).containsExactlyElementsOf(all);
        // DynamoDB may hand back a LastEvaluatedKey after an exactly full page: at most one empty page follows.
        assertThat(pages).isBetween(2, 3);
    }

    @Test
    void pageTokenIsOpaqueAndNotTheRawKey() {
        send(notification("cust-1", "ord-1", 1, at(1)), notification("cust-1", "ord-1", 2, at(2)));

        String token = history.list("cust-1", 1, Optional.empty()).nextToken().orElseThrow();

        assertThat(token).doesNotContain("#").matches("[A-Za-z0-9_-]+");
        assertThat(history.list("cust-1", 1, Optional.of(token)).notifications())
                .extracting(Notification::sequence).containsExactly(2L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage!", "%%%", "aGVsbG8", "a+b/c==", "", "bm90LWEtdG9rZW4jZXZ0LTE"})
    void garbageTokenIsRejected(String token) {
        send(notification("cust-1", "ord-1", 1, at(1)));

        assertThatThrownBy(() -> history.list("cust-1", 10, Optional.of(token)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tamperedTokenIsRejected() {
        send(notification("cust-1", "ord-1", 1, at(1)), notification("cust-1", "ord-1", 2, at(2)));
        String token = history.list("cust-1", 1, Optional.empty()).nextToken().orElseThrow();
        String id = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        // Same shape of token, but the id now carries characters no notificationId has.
        String tampered = Base64.getUrlEncoder().withoutPadding()
                .encodeToString((id + "' OR customerId <> '").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> history.list("cust-1", 1, Optional.of(tampered)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> history.list("cust-1", 1, Optional.of(new StringBuilder(token).reverse().toString())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsTheTokenItHandedOutAfterANotificationWhoseEventIdHasOtherCharacters() {
        // The consumers' strict EventCodec accepts any non-blank eventId of up to 128 characters, and
        // DynamoNotifications records it as it is; the token that ends a page on that notification must
        // still be accepted ("IllegalArgumentException only if the token is not one this history handed out").
        Notification unusual = new Notification("cust-1", "evt_1.retry:2", EventType.OrderPlaced, "ord-1", 1, at(1),
                "first", null);
        Notification next = notification("cust-1", "ord-1", 2, at(2));
        send(unusual, next);
        String token = history.list("cust-1", 1, Optional.empty()).nextToken().orElseThrow();

        NotificationPage second = history.list("cust-1", 1, Optional.of(token));

        assertThat(second.notifications()).containsExactly(next);
    }

    @Test
    void unknownCustomerHasAnEmptyListAndNoToken() {
        send(notification("cust-1", "ord-1", 1, at(1)));

        NotificationPage page = history.list("nobody", 10, Optional.empty());

        assertThat(page.notifications()).isEmpty();
        assertThat(page.nextToken()).isEmpty();
    }

    @Test
    void notificationAtAnExactSecondListsBeforeOneHalfASecondLater() {
        Instant exact = Instant.parse("2026-11-21T10:00:00Z");
        Instant halfLater = Instant.parse("2026-11-21T10:00:00.500Z");
        // Why SortableTime exists: as Instant.toString() text the later instant sorts first ('.' < 'Z').
        assertThat(halfLater.toString()).isLessThan(exact.toString());
        Notification later = notification("cust-1", "ord-b", 1, halfLater);
        Notification earlier = notification("cust-1", "ord-a", 1, exact);
        send(later, earlier);

        assertThat(history.list("cust-1", 10, Optional.empty()).notifications()).containsExactly(earlier, later);
    }

    private void send(Notification... notifications) {
        for (Notification notification : notifications) {
            assertThat(sender.send(notification)).isEqualTo(new Delivery.Sent());
        }
    }

    private static Notification notification(String customerId, String orderId, long sequence, Instant occurredAt) {
        return new Notification(customerId, "evt-" + orderId + "-" + sequence,
                sequence == 1 ? EventType.OrderPlaced : EventType.OrderConfirmed, orderId, sequence, occurredAt,
                "about " + orderId + " #" + sequence, "corr-" + orderId);
    }

    private static Instant at(long seconds) {
        return Orders.T0.plusSeconds(seconds);
    }
}
