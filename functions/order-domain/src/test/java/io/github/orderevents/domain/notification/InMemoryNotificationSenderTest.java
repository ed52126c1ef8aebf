package io.github.orderevents.domain.notification;

import io.github.orderevents.domain.testing.InMemoryNotificationSender;

import java.util.List;

class InMemoryNotificationSenderTest extends NotificationSenderContract {
    private final InMemoryNotificationSender sender = new InMemoryNotificationSender();

    @Override
    protected NotificationSender sender() {
        return sender;
    }

    @Override
    protected List<String> sentTo(String customerId) {
        return sender.sent().stream().filter(n -> n.customerId().equals(customerId))
                .map(Notification::eventId).toList();
    }
}
