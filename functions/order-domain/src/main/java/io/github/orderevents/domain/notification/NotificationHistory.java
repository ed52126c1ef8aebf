package io.github.orderevents.domain.notification;

import java.util.Optional;

/** Reads the notifications sent to a customer. */
public interface NotificationHistory {

    /**
     * Up to {@code limit} notifications of {@code customerId} in event order (occurredAt, then eventId),
     * starting after the page that {@code pageToken} ended (from the start when empty). The page has a
     * next token only if more notifications follow.
     *
     * @throws IllegalArgumentException if the token is not one this history handed out
     */
    NotificationPage list(String customerId, int limit, Optional<String> pageToken);
}
