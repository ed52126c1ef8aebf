package io.github.orderevents.aws.priming;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.github.orderevents.aws.events.EventCodec;
import io.github.orderevents.domain.OrderConfirmed;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderItem;
import io.github.orderevents.domain.OrderPlaced;
import io.github.orderevents.domain.OrderRejected;
import io.github.orderevents.domain.Priority;
import io.github.orderevents.domain.inventory.StockShortage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.github.orderevents.aws.priming.SnapStartPriming.KEY;

/** One event of each type, about the priming key's order, for warming what reads and writes events. */
public final class SampleEvents {
    private static final Instant AT = Instant.parse("2000-01-01T00:00:00Z");
    private static final BigDecimal PRICE = new BigDecimal("12.50");

    private SampleEvents() {
    }

    public static OrderEvent orderPlaced() {
        return event(1, new OrderPlaced(KEY, "EUR", PRICE, List.of(new OrderItem("SKU-PRIMING-1", 1, PRICE))));
    }

    public static OrderEvent orderConfirmed() {
        return event(2, new OrderConfirmed(KEY, PRICE, "EUR", List.of(new OrderConfirmed.Reserved("SKU-PRIMING-1", 1))));
    }

    public static OrderEvent orderRejected() {
        return event(2, new OrderRejected(KEY, "out of stock", List.of(new StockShortage("SKU-PRIMING-1", 1, 0))));
    }

    /** An SQS event of these events, as Lambda hands a FIFO queue's batch to a consumer. */
    public static SQSEvent sqsEvent(OrderEvent... events) {
        SQSEvent sqs = new SQSEvent();
        sqs.setRecords(Arrays.stream(events).map(event -> {
            SQSMessage message = new SQSMessage();
            message.setMessageId(event.eventId() + "#" + event.sequence());
            message.setBody(EventCodec.encode(event));
            message.setAttributes(Map.of("MessageGroupId", event.aggregateId(), "ApproximateReceiveCount", "1"));
            return message;
        }).toList());
        return sqs;
    }

    /** Decodes every message of {@code event} strictly, as the consumers do. */
    public static List<OrderEvent> decode(SQSEvent event) {
        return event.getRecords().stream().map(message -> EventCodec.decodeStrict(message.getBody())).toList();
    }

    private static OrderEvent event(long sequence, io.github.orderevents.domain.EventPayload payload) {
        return new OrderEvent(KEY, KEY, KEY, sequence, AT, KEY, Priority.STANDARD, payload);
    }
}
