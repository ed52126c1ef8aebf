package io.github.orderevents.domain.notification;

/** Delivers notifications to customers. */
public interface NotificationSender {

    /**
     * Sends {@code notification} if it is the next of its order: its sequence is one more than the last
     * one sent for that order (or 1 when none was). Exactly once: a repeat is {@link Delivery.AlreadySent}.
     */
    Delivery send(Notification notification);
}
