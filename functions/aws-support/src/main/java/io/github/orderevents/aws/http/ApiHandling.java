package io.github.orderevents.aws.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.orderevents.aws.JsonLog;
import io.github.orderevents.domain.IdempotencyConflictException;
import io.github.orderevents.domain.InvalidRequestException;
import io.github.orderevents.domain.OrderNotFoundException;

import java.util.function.Supplier;

/** Turns the domain's refusals into 4xx JSON answers and anything unexpected into a logged 500. */
public final class ApiHandling {
    private static final JsonLog LOG = JsonLog.of(ApiHandling.class);

    private ApiHandling() {
    }

    public static APIGatewayProxyResponseEvent respond(APIGatewayProxyRequestEvent in,
                                                       Supplier<APIGatewayProxyResponseEvent> action) {
        try {
            return action.get();
        } catch (ApiException e) {
            return ApiResponses.error(e.status(), e.getMessage(), e.field());
        } catch (InvalidRequestException e) {
            return ApiResponses.error(400, e.getMessage(), e.field());
        } catch (OrderNotFoundException e) {
            return ApiResponses.error(404, e.getMessage(), null);
        } catch (IdempotencyConflictException e) {
            return ApiResponses.error(422, e.getMessage(), ApiRequests.IDEMPOTENCY_HEADER);
        } catch (RuntimeException e) {
            String requestId = in.getRequestContext() == null ? null : in.getRequestContext().getRequestId();
            LOG.error("request failed", e, "path", in.getPath(), "requestId", requestId);
            return ApiResponses.error(500, "internal error; quote request id " + requestId + " when reporting it", null);
        }
    }
}
