package io.github.orderevents.domain.notification;

import java.util.List;
import java.util.Optional;

/** One page of a customer's notifications, oldest first, and the token of the next page if any. */
public record NotificationPage(List<Notification> notifications, Optional<String> nextToken) {
    public NotificationPage {
        notifications = List.copyOf(notifications);
    }
}
