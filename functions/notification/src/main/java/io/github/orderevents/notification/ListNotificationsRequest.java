package io.github.orderevents.notification;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.github.orderevents.aws.http.ApiException;
import io.github.orderevents.aws.http.ApiRequests;
import io.github.orderevents.domain.OrderRules;
import io.github.orderevents.domain.notification.NotificationHistory;
import io.github.orderevents.domain.notification.NotificationPage;

import java.util.Optional;

/** A validated GET /customers/{customerId}/notifications: whose, how many, and from where. */
record ListNotificationsRequest(String customerId, int limit, Optional<String> nextToken) {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    static ListNotificationsRequest from(APIGatewayProxyRequestEvent in) {
        String customerId = ApiRequests.pathParameter(in, "customerId");
        if (!OrderRules.CUSTOMER_ID.matcher(customerId).matches()) {
            throw new ApiException(400, "customerId", "customerId must be 1 to 64 of letters, digits and . _ : @ -");
        }
        int limit = ApiRequests.queryParameter(in, "limit").map(raw -> {
            if (!raw.matches("\\d{1,3}") || Integer.parseInt(raw) < 1 || Integer.parseInt(raw) > MAX_LIMIT) {
                throw new ApiException(400, "limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
            }
            return Integer.parseInt(raw);
        }).orElse(DEFAULT_LIMIT);
        return new ListNotificationsRequest(customerId, limit, ApiRequests.queryParameter(in, "nextToken"));
    }

    /** The page asked for; a token the history cannot read is the caller's error. */
    NotificationPage readFrom(NotificationHistory history) {
        try {
            return history.list(customerId, limit, nextToken);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "nextToken", e.getMessage());
        }
    }
}
