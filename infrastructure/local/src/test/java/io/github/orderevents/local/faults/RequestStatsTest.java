package io.github.orderevents.local.faults;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestStatsTest {
    private final RequestStats stats = new RequestStats();

    @Test
    void countsRequestsByServiceAndOperationWithTheirItemsAndConsistentReads() {
        stats.countReport("LOCAL_CLOUD_SDK_CALL {\"service\":\"DynamoDb\",\"operation\":\"TransactWriteItems\",\"items\":2}");
        stats.countReport("LOCAL_CLOUD_SDK_CALL {\"service\":\"DynamoDb\",\"operation\":\"TransactWriteItems\",\"items\":3}");
        stats.countReport("LOCAL_CLOUD_SDK_CALL {\"service\":\"DynamoDb\",\"operation\":\"GetItem\",\"consistentRead\":true}");
        stats.countReport("LOCAL_CLOUD_SDK_CALL {\"service\":\"DynamoDb\",\"operation\":\"GetItem\",\"consistentRead\":false}");

        assertThat(stats.snapshot()).containsExactly(
                org.assertj.core.api.Assertions.entry("DynamoDb:GetItem", new RequestStats.Count(2, 2, 1)),
                org.assertj.core.api.Assertions.entry("DynamoDb:TransactWriteItems", new RequestStats.Count(2, 5, 0)));
    }

    @Test
    void leavesOtherLinesToTheLog() {
        assertThat(stats.countReport("START RequestId: 1 Version: $LATEST")).isFalse();
        assertThat(stats.countReport("LOCAL_CLOUD_FAULT {\"kind\":\"sdk-error\"}")).isFalse();
        assertThat(stats.snapshot()).isEmpty();
    }
}
