package io.github.orderevents.redrive;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupBatchesTest {
    /** Items are "<group><n>", e.g. "a1"; the group is the first letter. */
    private static final Function<String, String> GROUP = item -> item.substring(0, 1);

    @Test
    void aBatchHoldsAtMostOneMessagePerGroupAndGroupsKeepTheirOrder() {
        List<String> items = List.of("a1", "a2", "b1", "a3", "c1", "b2");

        assertThat(GroupBatches.plan(items, GROUP, 10))
                .containsExactly(List.of("a1", "b1", "c1"), List.of("a2", "b2"), List.of("a3"));
    }

    @Test
    void distinctGroupsFillBatchesUpToTheLimitInInputOrder() {
        List<String> items = IntStream.range(0, 25).mapToObj(i -> (char) ('A' + i) + "1").toList();

        List<List<String>> batches = GroupBatches.plan(items, GROUP, 10);

        assertThat(batches).extracting(List::size).containsExactly(10, 10, 5);
        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(items);
    }

    @Test
    void noItemsGiveNoBatchesAndABatchLimitBelowOneIsRefused() {
        assertThat(GroupBatches.plan(List.<String>of(), GROUP, 10)).isEmpty();
        assertThatThrownBy(() -> GroupBatches.plan(List.of("a1"), GROUP, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
