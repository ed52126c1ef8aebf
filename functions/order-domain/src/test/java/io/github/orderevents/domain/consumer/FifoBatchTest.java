package io.github.orderevents.domain.consumer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class FifoBatchTest {

    /** A queue message as FifoBatch sees it: an id to report by and a group (null on a standard queue). */
    private record Message(String id, String group) {
    }

    private static final Message A1 = new Message("A1", "cust-a");
    private static final Message B1 = new Message("B1", "cust-b");
    private static final Message A2 = new Message("A2", "cust-a");
    private static final Message B2 = new Message("B2", "cust-b");
    private static final Message A3 = new Message("A3", "cust-a");
    private static final Message B3 = new Message("B3", "cust-b");

    private final List<String> processed = new ArrayList<>();
    private final List<Message> toldFailed = new ArrayList<>();
    private final List<RuntimeException> toldErrors = new ArrayList<>();

    /** Runs the batch; the messages whose ids are in {@code failing} throw when processed. */
    private List<String> run(List<Message> batch, Set<String> failing) {
        return FifoBatch.process(batch, Message::group, Message::id, message -> {
            processed.add(message.id());
            if (failing.contains(message.id())) {
                throw new IllegalStateException("boom " + message.id());
            }
        }, (message, error) -> {
            toldFailed.add(message);
            toldErrors.add(error);
        });
    }

    @Test
    void failsTheFailedMessageAndTheRestOfItsGroupWhileOtherGroupsGoOn() {
        List<String> failed = run(List.of(A1, B1, A2, B2, A3, B3), Set.of("A2"));

        assertThat(failed).containsExactly("A2", "A3");
        assertThat(processed).containsExactly("A1", "B1", "A2", "B2", "B3");
        assertThat(processed).doesNotContain("A3");
    }

    @Test
    void tellsTheListenerOnlyOfTheMessageThatThrewNotOfSkippedOnes() {
        run(List.of(A1, B1, A2, B2, A3, B3), Set.of("A2"));

        assertThat(toldFailed).containsExactly(A2);
        assertThat(toldErrors).singleElement().extracting(Throwable::getMessage).isEqualTo("boom A2");
    }

    @Test
    void failuresInTwoGroupsFailEachGroupFromItsOwnFailureOn() {
        List<String> failed = run(List.of(A1, B1, A2, B2, A3, B3), Set.of("B1", "A3"));

        assertThat(failed).containsExactly("B1", "B2", "A3", "B3");
        assertThat(processed).containsExactly("A1", "B1", "A2", "A3");
        assertThat(toldFailed).extracting(Message::id).containsExactly("B1", "A3");
    }

    @Test
    void aFailureOfTheFirstMessageFailsTheWholeGroupInBatchOrder() {
        List<String> failed = run(List.of(A1, B1, A2, B2, A3, B3), Set.of("A1"));

        assertThat(failed).containsExactly("A1", "A2", "A3");
        assertThat(processed).containsExactly("A1", "B1", "B2", "B3");
    }

    @Test
    void onAStandardQueueEachMessageIsItsOwnGroupSoOnlyTheFailingMessageFails() {
        // FifoEventConsumer maps a message without MessageGroupId to its own id as group.
        List<Message> standard = List.of(new Message("m1", "m1"), new Message("m2", "m2"), new Message("m3", "m3"));

        List<String> failed = run(standard, Set.of("m2"));

        assertThat(failed).containsExactly("m2");
        assertThat(processed).containsExactly("m1", "m2", "m3");
        assertThat(toldFailed).extracting(Message::id).containsExactly("m2");
    }

    @Test
    void aBatchWithoutFailuresReportsNone() {
        List<String> failed = run(List.of(A1, B1, A2), Set.of());

        assertThat(failed).isEmpty();
        assertThat(processed).containsExactly("A1", "B1", "A2");
        assertThat(toldFailed).isEmpty();
    }

    @Test
    void anEmptyBatchProcessesNothingAndReportsNothing() {
        List<String> failed = run(List.of(), Set.of());

        assertThat(failed).isEmpty();
        assertThat(processed).isEmpty();
        assertThat(toldFailed).isEmpty();
    }

    @Test
    void reportsFailedMessagesByTheirIdNotByTheirGroup() {
        List<Message> batch = List.of(new Message("x-1", "g"), new Message("x-2", "g"));

        List<String> failed = run(batch, Set.of("x-1"));

        assertThat(failed).containsExactly("x-1", "x-2");
        assertThat(toldFailed).extracting(Message::id, Message::group).containsExactly(tuple("x-1", "g"));
    }
}
