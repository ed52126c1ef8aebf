package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class BatchPlannerTest {
    private static final int MAX = EventPublisher.MAX_BATCH;

    /** A message whose event id is {@code evt-<name>-1} and whose group is {@code group}. */
    private static OutboundMessage message(String name, String group) {
        return new OutboundMessage(Orders.event(EventType.OrderPlaced, name, "cust-" + group, 1), group);
    }

    private static List<List<String>> names(List<List<OutboundMessage>> batches) {
        return batches.stream()
                .map(batch -> batch.stream().map(m -> m.event().aggregateId()).toList())
                .toList();
    }

    @Test
    void emptyInputGivesNoBatches() {
        assertThat(BatchPlanner.plan(List.of(), MAX)).isEmpty();
    }

    @Test
    void singleMessageGivesOneBatchOfOne() {
        OutboundMessage only = message("m1", "A");

        assertThat(BatchPlanner.plan(List.of(only), MAX)).containsExactly(List.of(only));
    }

    @Test
    void distinctGroupsAreCutIntoFullBatchesInInputOrder() {
        List<OutboundMessage> messages = IntStream.rangeClosed(1, 25)
                .mapToObj(i -> message("m" + i, "G" + i)).toList();

        List<List<OutboundMessage>> batches = BatchPlanner.plan(messages, MAX);

        assertThat(batches).extracting(List::size).containsExactly(10, 10, 5);
        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(messages);
    }

    @Test
    void exactlyMaxBatchDistinctGroupsFitInOneBatch() {
        List<OutboundMessage> messages = IntStream.rangeClosed(1, MAX)
                .mapToObj(i -> message("m" + i, "G" + i)).toList();

        assertThat(BatchPlanner.plan(messages, MAX)).containsExactly(messages);
    }

    @Test
    void messagesOfOneGroupGoOnePerBatchInTheirOrder() {
        List<OutboundMessage> messages = IntStream.rangeClosed(1, 4)
                .mapToObj(i -> message("a" + i, "A")).toList();

        List<List<OutboundMessage>> batches = BatchPlanner.plan(messages, MAX);

        assertThat(names(batches)).containsExactly(List.of("a1"), List.of("a2"), List.of("a3"), List.of("a4"));
    }

    @Test
    void mixedGroupsTakeTheEarliestMessageOfEachGroupPerBatch() {
        List<OutboundMessage> messages = List.of(message("a1", "A"), message("a2", "A"), message("b1", "B"),
                message("a3", "A"), message("c1", "C"));

        List<List<OutboundMessage>> batches = BatchPlanner.plan(messages, MAX);

        assertThat(names(batches)).containsExactly(List.of("a1", "b1", "c1"), List.of("a2"), List.of("a3"));
    }

    @Test
    void laterGroupsFillBatchesWhileARepeatedGroupWaits() {
        List<OutboundMessage> messages = List.of(message("a1", "A"), message("a2", "A"), message("b1", "B"),
                message("b2", "B"), message("c1", "C"), message("a3", "A"));

        List<List<OutboundMessage>> batches = BatchPlanner.plan(messages, MAX);

        assertThat(names(batches)).containsExactly(List.of("a1", "b1", "c1"), List.of("a2", "b2"), List.of("a3"));
    }

    @Test
    void fullBatchLeavesTheRestForTheNextOneWithoutReordering() {
        List<OutboundMessage> messages = List.of(message("a1", "A"), message("b1", "B"), message("a2", "A"),
                message("c1", "C"), message("d1", "D"));

        List<List<OutboundMessage>> batches = BatchPlanner.plan(messages, 2);

        assertThat(names(batches)).containsExactly(List.of("a1", "b1"), List.of("a2", "c1"), List.of("d1"));
    }

    @Test
    void manyMessagesOfFewGroupsNeverShareABatchWithinAGroupAndKeepGroupOrder() {
        String[] groups = {"A", "B", "A", "A", "C", "B", "D", "A", "E", "F", "G", "H", "I", "J", "K", "B", "A",
                "L", "C", "C", "M", "A", "N", "O", "B"};
        List<OutboundMessage> messages = new ArrayList<>();
        for (int i = 0; i < groups.length; i++) {
            messages.add(message("m" + i, groups[i]));
        }

        List<List<OutboundMessage>> batches = BatchPlanner.plan(messages, MAX);

        assertThat(batches).allSatisfy(batch -> {
            assertThat(batch).hasSizeBetween(1, MAX);
            assertThat(batch).extracting(OutboundMessage::groupId).doesNotHaveDuplicates();
        });
        List<OutboundMessage> sent = batches.stream().flatMap(List::stream).toList();
        assertThat(sent).containsExactlyInAnyOrderElementsOf(messages);
        Set<String> distinctGroups = new HashSet<>(List.of(groups));
        for (String group : distinctGroups) {
            assertThat(sent.stream().filter(m -> m.groupId().equals(group)).toList())
                    .as("order within group %s", group)
                    .isEqualTo(messages.stream().filter(m -> m.groupId().equals(group)).toList());
        }
    }

    @Test
    void doesNotChangeTheInputList() {
        List<OutboundMessage> messages = new ArrayList<>(List.of(message("a1", "A"), message("a2", "A")));
        List<OutboundMessage> before = List.copyOf(messages);

        BatchPlanner.plan(messages, MAX);

        assertThat(messages).isEqualTo(before);
    }
}
