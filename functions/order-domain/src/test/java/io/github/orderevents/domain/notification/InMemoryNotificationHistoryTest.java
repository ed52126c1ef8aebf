package io.github.orderevents.domain.notification;

import io.github.orderevents.domain.testing.InMemoryNotificationHistory;

import java.util.List;

class InMemoryNotificationHistoryTest extends NotificationHistoryContract {
    private final InMemoryNotificationHistory history = new InMemoryNotificationHistory();

    @Override
    protected NotificationHistory history() {
        return history;
    }

    @Override
    protected void record(List<Notification> notifications) {
        history.add(notifications.toArray(Notification[]::new));
    }
}
