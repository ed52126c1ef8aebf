package io.github.orderevents.domain;

/**
 * A {@link PlaceOrder} that has passed {@link OrderRules}: its constructor validates, throwing
 * {@link InvalidRequestException}, so whoever holds one need not validate again.
 */
public record ValidPlaceOrder(PlaceOrder request) {
    public ValidPlaceOrder {
        OrderRules.validate(request);
    }
}
