package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.OrderEvent;

/** An event on its way to one destination, with the message group it goes in. */
public record OutboundMessage(OrderEvent event, String groupId) {
}
