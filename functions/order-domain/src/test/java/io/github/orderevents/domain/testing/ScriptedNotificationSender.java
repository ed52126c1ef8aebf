package io.github.orderevents.domain.testing;

import io.github.orderevents.domain.notification.Delivery;
import io.github.orderevents.domain.notification.Notification;
import io.github.orderevents.domain.notification.NotificationSender;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A {@link NotificationSender} that sends nothing: it records every notification it is given and answers
 * the deliveries it was scripted with, in order ({@link Delivery.Sent} once the script is used up).
 */
public final class ScriptedNotificationSender implements NotificationSender {
    private final Deque<Delivery> answers = new ArrayDeque<>();
    private final List<Notification> received = new ArrayList<>();

    public synchronized ScriptedNotificationSender answers(Delivery... deliveries) {
        answers.addAll(List.of(deliveries));
        return this;
    }

    @Override
    public synchronized Delivery send(Notification notification) {
        received.add(notification);
        return answers.isEmpty() ? new Delivery.Sent() : answers.poll();
    }

    public synchronized List<Notification> received() {
        return List.copyOf(received);
    }
}
