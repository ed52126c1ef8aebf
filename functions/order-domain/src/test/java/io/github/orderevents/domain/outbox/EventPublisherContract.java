package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link EventPublisher} must do; the in-memory fake and the SQS adapter both run it. */
public abstract class EventPublisherContract {

    /** A message as the destination holds it. */
    public record Received(String eventId, String groupId) {
    }

    protected abstract EventPublisher publisher();

    /** A new, empty FIFO destination. */
    protected abstract String newDestination();

    /** A destination that does not exist. */
    protected abstract String missingDestination();

    /** Every message the destination holds, in the order it hands them out. */
    protected abstract List<Received> received(String destination);

    private static OutboundMessage message(String orderId, long sequence, String groupId) {
        return new OutboundMessage(Orders.event(EventType.OrderPlaced, orderId, "cust-1", sequence), groupId);
    }

    @Test
    void acceptsEveryEntryOfABatchEachInItsGroup() {
        String destination = newDestination();

        List<SendFailure> failures = publisher().publish(destination,
                List.of(message("ord-1", 1, "ord-1"), message("ord-2", 1, "ord-2"), message("ord-3", 1, "cust-3")));

        assertThat(failures).isEmpty();
        assertThat(received(destination)).containsExactlyInAnyOrder(new Received("evt-ord-1-1", "ord-1"),
                new Received("evt-ord-2-1", "ord-2"), new Received("evt-ord-3-1", "cust-3"));
    }

    @Test
    void keepsTheOrderOfOneGroupAcrossCalls() {
        String destination = newDestination();

        publisher().publish(destination, List.of(message("ord-1", 1, "cust-1")));
        publisher().publish(destination, List.of(message("ord-1", 2, "cust-1")));
        publisher().publish(destination, List.of(message("ord-1", 3, "cust-1")));

        assertThat(received(destination)).extracting(Received::eventId)
                .containsExactly("evt-ord-1-1", "evt-ord-1-2", "evt-ord-1-3");
    }

    @Test
    void acceptsARepublishedEventAndHoldsItOnce() {
        String destination = newDestination();
        publisher().publish(destination, List.of(message("ord-1", 1, "ord-1")));

        List<SendFailure> again = publisher().publish(destination, List.of(message("ord-1", 1, "ord-1")));

        assertThat(again).isEmpty();
        assertThat(received(destination)).extracting(Received::eventId).containsExactly("evt-ord-1-1");
    }

    @Test
    void reportsEveryEntryFailedWhenTheDestinationDoesNotExistInsteadOfThrowing() {
        List<SendFailure> failures = publisher().publish(missingDestination(),
                List.of(message("ord-1", 1, "ord-1"), message("ord-2", 1, "ord-2")));

        assertThat(failures).extracting(SendFailure::eventId).containsExactly("evt-ord-1-1", "evt-ord-2-1");
        assertThat(failures).allSatisfy(failure -> assertThat(failure.reason()).isNotBlank());
    }

    @Test
    void reportsOnlyTheEntryTheDestinationRefusedAndDeliversTheRest() {
        String destination = newDestination();
        // A message group id of more than 128 characters is refused for that entry alone.
        OutboundMessage refused = message("ord-2", 1, "g".repeat(129));

        List<SendFailure> failures = publisher().publish(destination, List.of(message("ord-1", 1, "ord-1"), refused));

        assertThat(failures).extracting(SendFailure::eventId).containsExactly("evt-ord-2-1");
        assertThat(received(destination)).extracting(Received::eventId).containsExactly("evt-ord-1-1");
    }

    @Test
    void anEmptyBatchFailsNothing() {
        assertThat(publisher().publish(newDestination(), List.<OutboundMessage>of())).isEmpty();
    }
}
