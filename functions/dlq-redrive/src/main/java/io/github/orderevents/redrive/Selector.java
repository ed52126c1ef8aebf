package io.github.orderevents.redrive;

import java.util.LinkedHashSet;
import java.util.Set;

/** Which of the received dead-letter messages a request is about. */
sealed interface Selector {

    boolean selects(DlqMessage message);

    /** The ids asked for; those no examined message had are reported as not found. */
    Set<String> ids();

    /** The id this selector matches on, or null when the message has none (a body without eventId). */
    String idOf(DlqMessage message);

    /** Every message. */
    record All() implements Selector {
        @Override
        public boolean selects(DlqMessage message) {
            return true;
        }

        @Override
        public Set<String> ids() {
            return Set.of();
        }

        @Override
        public String idOf(DlqMessage message) {
            return null;
        }
    }

    /** Messages whose body is a JSON envelope with one of these eventIds. */
    record ByEventId(Set<String> ids) implements Selector {
        public ByEventId {
            ids = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(ids));
        }

        @Override
        public boolean selects(DlqMessage message) {
            String eventId = idOf(message);
            return eventId != null && ids.contains(eventId);
        }

        @Override
        public String idOf(DlqMessage message) {
            return message.envelope().eventId();
        }
    }

    /** Messages with one of these dead-letter queue message ids (any body, JSON or not). */
    record ByMessageId(Set<String> ids) implements Selector {
        public ByMessageId {
            ids = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(ids));
        }

        @Override
        public boolean selects(DlqMessage message) {
            return ids.contains(message.messageId());
        }

        @Override
        public String idOf(DlqMessage message) {
            return message.messageId();
        }
    }
}
