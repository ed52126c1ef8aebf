package io.github.orderevents.domain.notification;

/** What {@link NotificationSender#send} did. */
public sealed interface Delivery {

    /** Sent now. */
    record Sent() implements Delivery {
    }

    /** This order's notification with this sequence (or a later one) was sent before: nothing sent now. */
    record AlreadySent(long lastSequence) implements Delivery {
    }

    /** The order's previous notification has not been sent yet: nothing sent now. */
    record OutOfSequence(long lastSequence) implements Delivery {
    }
}
