package io.github.orderevents.domain.testing;

import io.github.orderevents.domain.notification.Notification;
import io.github.orderevents.domain.notification.NotificationHistory;
import io.github.orderevents.domain.notification.NotificationPage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A {@link NotificationHistory} over notifications added by hand, listed in event order whatever order they
 * were added in. Its page tokens are {@code page-<offset>}; any other token is refused as the contract says.
 * Records every list call. Passes {@code NotificationHistoryContract}.
 */
public final class InMemoryNotificationHistory implements NotificationHistory {

    /** One list call as it was made. */
    public record Query(String customerId, int limit, Optional<String> pageToken) {
    }

    private static final Comparator<Notification> EVENT_ORDER =
            Comparator.comparing(Notification::occurredAt).thenComparing(Notification::eventId);

    private final List<Notification> notifications = new ArrayList<>();
    private final List<Query> queries = new ArrayList<>();

    public synchronized InMemoryNotificationHistory add(Notification... added) {
        notifications.addAll(List.of(added));
        return this;
    }

    @Override
    public synchronized NotificationPage list(String customerId, int limit, Optional<String> pageToken) {
        queries.add(new Query(customerId, limit, pageToken));
        int from = pageToken.map(InMemoryNotificationHistory::offsetOf).orElse(0);
        List<Notification> ofCustomer = notifications.stream().filter(n -> n.customerId().equals(customerId))
                .sorted(EVENT_ORDER).toList();
        int to = Math.min(ofCustomer.size(), from + limit);
        List<Notification> page = from >= ofCustomer.size() ? List.of() : ofCustomer.subList(from, to);
        Optional<String> next = to < ofCustomer.size() ? Optional.of("page-" + to) : Optional.empty();
        return new NotificationPage(page, next);
    }

    private static int offsetOf(String token) {
        if (!token.matches("page-\\d{1,6}")) {
            throw new IllegalArgumentException("nextToken is not a token this history handed out");
        }
        return Integer.parseInt(token.substring("page-".length()));
    }

    public synchronized List<Query> queries() {
        return List.copyOf(queries);
    }
}
