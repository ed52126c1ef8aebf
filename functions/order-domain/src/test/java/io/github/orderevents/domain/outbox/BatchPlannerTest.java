package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchPlannerTest {
    private static final BatchPlanner TEN = BatchPlanner.ofEntries(10);
    /** Items are "<group><n>", e.g. "a1"; the group is the first letter. */
    private static final Function<String, String> GROUP = item -> item.substring(0, 1);

    @Test
    void emptyInputGivesNoBatches() {
        assertThat(TEN.plan(List.<String>of(), GROUP)).isEmpty();
    }

    @Test
    void singleItemGivesOneBatchOfOne() {
        assertThat(TEN.plan(List.of("a1"), GROUP)).containsExactly(List.of("a1"));
    }

    @Test
    void distinctGroupsAreCutIntoFullBatchesInInputOrder() {
        List<String> items = IntStream.range(0, 25).mapToObj(i -> (char) ('A' + i) + "1").toList();

        List<List<String>> batches = TEN.plan(items, GROUP);

        assertThat(batches).extracting(List::size).containsExactly(10, 10, 5);
        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(items);
    }

    @Test
    void exactlyMaxEntriesDistinctGroupsFitInOneBatch() {
        List<String> items = IntStream.range(0, 10).mapToObj(i -> (char) ('A' + i) + "1").toList();

        assertThat(TEN.plan(items, GROUP)).containsExactly(items);
    }

    @Test
    void itemsOfOneGroupGoOnePerBatchInTheirOrder() {
        assertThat(TEN.plan(List.of("a1", "a2", "a3", "a4"), GROUP))
                .containsExactly(List.of("a1"), List.of("a2"), List.of("a3"), List.of("a4"));
    }

    @Test
    void aBatchTakesTheEarliestItemOfEachGroupWhileARepeatedGroupWaits() {
        assertThat(TEN.plan(List.of("a1", "a2", "b1", "a3", "c1", "b2"), GROUP))
                .containsExactly(List.of("a1", "b1", "c1"), List.of("a2", "b2"), List.of("a3"));
    }

    @Test
    void fullBatchLeavesTheRestForTheNextOneWithoutReordering() {
        assertThat(BatchPlanner.ofEntries(2).plan(List.of("a1", "b1", "a2", "c1", "d1"), GROUP))
                .containsExactly(List.of("a1", "b1"), List.of("a2", "c1"), List.of("d1"));
    }

    @Test
    void aBatchHoldsNoMoreBytesThanTheLimitAndLaterGroupsFillTheRoom() {
        Map<String, Integer> sizes = Map.of("a1", 6, "b1", 5, "c1", 3, "d1", 1);

        List<List<String>> batches = new BatchPlanner(10, 10).plan(List.of("a1", "b1", "c1", "d1"), GROUP, sizes::get);

        assertThat(batches).containsExactly(List.of("a1", "c1", "d1"), List.of("b1"));
    }

    @Test
    void aGroupWhoseItemDoesNotFitWaitsWholeForTheNextBatch() {
        Map<String, Integer> sizes = Map.of("a1", 8, "b1", 5, "b2", 1);

        List<List<String>> batches = new BatchPlanner(10, 10).plan(List.of("a1", "b1", "b2"), GROUP, sizes::get);

        assertThat(batches).as("b2 must not go before b1").containsExactly(List.of("a1"), List.of("b1"), List.of("b2"));
    }

    @Test
    void anItemLargerThanTheByteLimitGoesAloneInItsOwnBatch() {
        Map<String, Integer> sizes = Map.of("a1", 2, "b1", 50, "c1", 2);

        List<List<String>> batches = new BatchPlanner(10, 10).plan(List.of("a1", "b1", "c1"), GROUP, sizes::get);

        assertThat(batches).containsExactly(List.of("a1", "c1"), List.of("b1"));
    }

    @Test
    void itemsWithoutAGroupShareBatchesFreely() {
        assertThat(TEN.plan(List.of("x1", "x2", "x3"), item -> null)).containsExactly(List.of("x1", "x2", "x3"));
    }

    @Test
    void manyMessagesOfFewGroupsNeverShareABatchWithinAGroupAndKeepGroupOrder() {
        String[] groups = {"A", "B", "A", "A", "C", "B", "D", "A", "E", "F", "G", "H", "I", "J", "K", "B", "A",
                "L", "C", "C", "M", "A", "N", "O", "B"};
        List<OutboundMessage> messages = new ArrayList<>();
        for (int i = 0; i < groups.length; i++) {
            messages.add(new OutboundMessage(Orders.event(EventType.OrderPlaced, "m" + i, "cust-" + groups[i], 1), groups[i]));
        }

        List<List<OutboundMessage>> batches = new BatchPlanner(EventPublisher.MAX_BATCH, 8)
                .plan(messages, OutboundMessage::groupId, m -> m.event().aggregateId().length());

        assertThat(batches).allSatisfy(batch -> {
            assertThat(batch).hasSizeBetween(1, EventPublisher.MAX_BATCH);
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
        List<String> items = new ArrayList<>(List.of("a1", "a2"));

        TEN.plan(items, GROUP);

        assertThat(items).containsExactly("a1", "a2");
    }

    @Test
    void limitsBelowOneAreRefused() {
        assertThatThrownBy(() -> BatchPlanner.ofEntries(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BatchPlanner(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
