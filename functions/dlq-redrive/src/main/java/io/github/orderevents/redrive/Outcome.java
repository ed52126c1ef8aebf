package io.github.orderevents.redrive;

/** What a run did with one examined dead-letter message. */
sealed interface Outcome {

    /** The {@code result} word of the answer. */
    String result();

    /** Peeked at and made visible again. */
    record Listed() implements Outcome {
        @Override
        public String result() {
            return "listed";
        }
    }

    /** Not chosen by the request's eventIds / messageIds; made visible again at once. */
    record NotSelected() implements Outcome {
        @Override
        public String result() {
            return "notSelected";
        }
    }

    /** Dry run: this is what would be sent; nothing was. */
    record WouldRedrive(Resend resend) implements Outcome {
        @Override
        public String result() {
            return "wouldRedrive";
        }
    }

    /**
     * Accepted by the source queue as {@code newMessageId}, then deleted from the dead-letter queue;
     * {@code warning} is set when the delete failed (the message is in both queues).
     */
    record Redriven(Resend resend, String newMessageId, String warning) implements Outcome {
        @Override
        public String result() {
            return "redriven";
        }
    }

    /** Not sent: the fix or the send failed ({@code resend} is null when the fix did). Left in the dead-letter queue. */
    record Failed(String error, Resend resend) implements Outcome {
        @Override
        public String result() {
            return "failed";
        }
    }

    /** Not sent because an earlier message of its group failed; left in the dead-letter queue. */
    record Skipped(String reason) implements Outcome {
        @Override
        public String result() {
            return "skipped";
        }
    }
}
