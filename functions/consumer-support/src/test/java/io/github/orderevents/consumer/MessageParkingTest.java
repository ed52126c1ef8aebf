package io.github.orderevents.consumer;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.orderevents.aws.testing.EmbeddedSqs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MessageParking on an ElasticMQ FIFO dead-letter queue. */
class MessageParkingTest {
    @RegisterExtension
    static final EmbeddedSqs SQS = new EmbeddedSqs();

    private static final Instant NOW = Instant.parse("2026-11-21T11:00:00Z");

    private String deadLetterQueue;
    private MessageParking parking;

    @BeforeEach
    void freshQueue() {
        deadLetterQueue = SQS.createFifoQueue("park-" + UUID.randomUUID().toString().substring(0, 8));
        parking = new MessageParking(SQS.client(), deadLetterQueue, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static SQSMessage fixtureMessage() {
        return EventLoader.loadSQSEvent("events/notifications-mixed-groups.json").getRecords().get(0);
    }

    private List<Message> parked() {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = SQS.client().receiveMessage(r -> r.queueUrl(deadLetterQueue).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (batch.isEmpty()) {
                return all;
            }
            for (Message m : batch) {
                all.add(m);
                SQS.client().deleteMessage(r -> r.queueUrl(deadLetterQueue).receiptHandle(m.receiptHandle()));
            }
        }
    }

    @Test
    void parksTheBodyWithReasonOriginAndTimeInTheOriginalGroup() {
        SQSMessage message = fixtureMessage();

        parking.park(message, "body is not valid JSON");

        assertThat(parked()).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo(message.getBody());
            assertThat(m.messageAttributes().get("parkReason").stringValue()).isEqualTo("body is not valid JSON");
            assertThat(m.messageAttributes().get("parkedFrom").stringValue()).isEqualTo(message.getEventSourceArn());
            assertThat(m.messageAttributes().get("parkedAt").stringValue()).isEqualTo(NOW.toString());
            assertThat(m.messageAttributes().get("originalMessageId").stringValue()).isEqualTo(message.getMessageId());
            assertThat(m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo("cust-a");
        });
    }

    @Test
    void parkingTheSameMessageTwiceLeavesOneCopy() {
        SQSMessage message = fixtureMessage();

        parking.park(message, "first attempt");
        parking.park(message, "retry after a crash");

        assertThat(parked()).singleElement()
                .satisfies(m -> assertThat(m.messageAttributes().get("parkReason").stringValue())
                        .isEqualTo("first attempt"));
    }

    @Test
    void cutsAVeryLongReason() {
        parking.park(fixtureMessage(), "x".repeat(5_000));

        assertThat(parked()).singleElement()
                .satisfies(m -> assertThat(m.messageAttributes().get("parkReason").stringValue()).hasSize(1024));
    }

    @Test
    void aMessageOfAStandardQueueIsParkedInAPlaceholderGroup() {
        SQSMessage message = fixtureMessage();
        message.setAttributes(null);
        message.setMessageAttributes(null);
        message.setBody("");

        parking.park(message, "body is empty");

        assertThat(parked()).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("(empty body)");
            assertThat(m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo("unknown-group");
            assertThat(m.messageAttributes()).containsOnlyKeys("parkReason", "parkedFrom", "parkedAt",
                    "originalMessageId");
        });
    }

    @Test
    void throwsWhenTheDeadLetterQueueDoesNotTakeTheMessage() {
        MessageParking nowhere = new MessageParking(SQS.client(), SQS.endpoint() + "/000000000000/missing.fifo",
                Clock.systemUTC());

        assertThatThrownBy(() -> nowhere.park(fixtureMessage(), "reason"))
                .isInstanceOf(QueueDoesNotExistException.class);
    }
}
