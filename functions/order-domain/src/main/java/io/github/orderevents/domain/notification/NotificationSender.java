package io.github.orderevents.domain.notification;

/** Delivers notifications to customers. */
public interface NotificationSender {

    /**
     * Sends {@code notification} if it is the next of its order: its sequence is one more than the last
     * one sent for that order (or 1 when none was). Exactly once, which the notification consumer relies
     * on instead of an idempotency record (an event id always names one order and sequence): a repeat
     * answers {@link Delivery.AlreadySent} and sends nothing, never twice; two identical sends at the same
     * moment send once, and the one that loses answers AlreadySent too.
     */
    Delivery send(Notification notification);
}
