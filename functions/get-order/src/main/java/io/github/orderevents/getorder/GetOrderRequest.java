package io.github.orderevents.getorder;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.github.orderevents.aws.http.ApiException;
import io.github.orderevents.aws.http.ApiRequests;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderQueries;

import java.time.Duration;
import java.util.regex.Pattern;

/** A validated GET /orders/{orderId}: the id, and how long to wait for a terminal status. */
record GetOrderRequest(String orderId, Duration waitFor) {
    static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    /** Time kept back from the Lambda deadline to answer after the last read. */
    static final Duration ANSWER_MARGIN = Duration.ofSeconds(2);

    static GetOrderRequest from(APIGatewayProxyRequestEvent in, Context context) {
        String orderId = ApiRequests.pathParameter(in, "orderId");
        if (!ORDER_ID.matcher(orderId).matches()) {
            throw new ApiException(400, "orderId", "orderId must be 1 to 64 letters, digits or -");
        }
        long maxSeconds = OrderQueries.MAX_WAIT.toSeconds();
        Duration wait = ApiRequests.queryParameter(in, "waitSeconds").map(raw -> {
            if (!raw.matches("\\d{1,2}") || Integer.parseInt(raw) > maxSeconds) {
                throw new ApiException(400, "waitSeconds", "waitSeconds must be a whole number from 0 to " + maxSeconds);
            }
            return Duration.ofSeconds(Integer.parseInt(raw));
        }).orElse(Duration.ZERO);
        if (context != null && !wait.isZero()) {
            // Never wait past the function's own timeout: answer with the current state instead.
            Duration left = Duration.ofMillis(context.getRemainingTimeInMillis()).minus(ANSWER_MARGIN);
            wait = left.isNegative() ? Duration.ZERO : (wait.compareTo(left) < 0 ? wait : left);
        }
        return new GetOrderRequest(orderId, wait);
    }

    /** The order now, or once it is terminal if the request asked to wait. */
    Order readFrom(OrderQueries queries) {
        return waitFor.isZero() ? queries.get(orderId) : queries.awaitTerminal(orderId, waitFor);
    }
}
