package io.github.orderevents.domain.testing;

import io.github.orderevents.domain.notification.Delivery;
import io.github.orderevents.domain.notification.Notification;
import io.github.orderevents.domain.notification.NotificationSender;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link NotificationSender} that keeps what it sent and each order's last sequence in memory, with the
 * sequence checks of the contract. Passes {@code NotificationSenderContract}.
 */
public final class InMemoryNotificationSender implements NotificationSender {
    private final Map<String, Long> lastSequence = new HashMap<>();
    private final List<Notification> sent = new ArrayList<>();

    @Override
    public synchronized Delivery send(Notification notification) {
        long last = lastSequence.getOrDefault(notification.orderId(), 0L);
        if (notification.sequence() <= last) {
            return new Delivery.AlreadySent(last);
        }
        if (notification.sequence() != last + 1) {
            return new Delivery.OutOfSequence(last);
        }
        lastSequence.put(notification.orderId(), notification.sequence());
        sent.add(notification);
        return new Delivery.Sent();
    }

    /** Every notification sent, in the order sent. */
    public synchronized List<Notification> sent() {
        return List.copyOf(sent);
    }
}
