package example.greetings;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * REST API behind API Gateway (proxy integration):
 * POST /greetings {"name":"Ada"} stores a greeting and answers 201 {"id":..., "message":"Hello, Ada"};
 * GET /greetings/{id} answers 200 with the stored greeting, or 404.
 */
public class GreetingsApiHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DynamoDbClient dynamoDb;
  private final String tableName;

  public GreetingsApiHandler() {
    this(DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
        System.getenv("TABLE_NAME"));
  }

  GreetingsApiHandler(DynamoDbClient dynamoDb, String tableName) {
    this.dynamoDb = dynamoDb;
    this.tableName = tableName;
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
    String method = request.getHttpMethod();
    Map<String, String> pathParameters = request.getPathParameters();
    String id = pathParameters == null ? null : pathParameters.get("id");
    if ("POST".equals(method) && id == null) {
      return create(request.getBody(), context);
    }
    if ("GET".equals(method) && id != null) {
      return find(id);
    }
    return respond(404, Map.of("error", "no route for " + method + " " + request.getPath()));
  }

  private APIGatewayProxyResponseEvent create(String body, Context context) {
    JsonNode json;
    try {
      json = body == null ? null : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return respond(400, Map.of("error", "the body is not valid JSON"));
    }
    JsonNode name = json == null ? null : json.get("name");
    if (name == null || !name.isTextual() || name.asText().isBlank()) {
      return respond(400, Map.of("error", "name is required"));
    }
    String id = UUID.randomUUID().toString();
    String message = "Hello, " + name.asText().strip();
    dynamoDb.putItem(put -> put.tableName(tableName).item(Map.of(
        "id", AttributeValue.fromS(id),
        "name", AttributeValue.fromS(name.asText().strip()),
        "message", AttributeValue.fromS(message),
        "createdAt", AttributeValue.fromS(Instant.now().toString()))));
    context.getLogger().log("stored greeting " + id);
    Map<String, Object> created = new LinkedHashMap<>();
    created.put("id", id);
    created.put("message", message);
    return respond(201, created).withHeaders(Map.of(
        "Content-Type", "application/json", "Location", "/greetings/" + id));
  }

  private APIGatewayProxyResponseEvent find(String id) {
    GetItemResponse found = dynamoDb.getItem(get -> get.tableName(tableName)
        .key(Map.of("id", AttributeValue.fromS(id)))
        .consistentRead(true));
    if (!found.hasItem() || found.item().isEmpty()) {
      return respond(404, Map.of("error", "no greeting with id " + id));
    }
    Map<String, AttributeValue> item = found.item();
    Map<String, Object> greeting = new LinkedHashMap<>();
    for (String attribute : new String[] {"id", "name", "message", "createdAt"}) {
      if (item.containsKey(attribute)) {
        greeting.put(attribute, item.get(attribute).s());
      }
    }
    return respond(200, greeting);
  }

  private static APIGatewayProxyResponseEvent respond(int status, Map<String, ?> body) {
    try {
      return new APIGatewayProxyResponseEvent()
          .withStatusCode(status)
          .withHeaders(Map.of("Content-Type", "application/json"))
          .withBody(JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
