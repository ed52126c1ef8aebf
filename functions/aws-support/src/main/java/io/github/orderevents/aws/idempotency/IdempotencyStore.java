package io.github.orderevents.aws.idempotency;

import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import software.amazon.lambda.powertools.idempotency.Idempotency;
import software.amazon.lambda.powertools.idempotency.IdempotencyConfig;
import software.amazon.lambda.powertools.idempotency.persistence.DynamoDBPersistenceStore;

import java.time.Duration;
import java.util.function.UnaryOperator;

/** Points Powertools idempotency at the function's IDEMPOTENCY_TABLE, with the settings every caller shares. */
public final class IdempotencyStore {
    /** How long a result is replayed; past that the derived order ids and the consumers' sequence checks still hold. */
    public static final Duration EXPIRY = Duration.ofHours(24);

    private IdempotencyStore() {
    }

    /**
     * Configures Powertools once per process (it keeps the configuration in a static). A call without an
     * idempotency key throws rather than running unguarded; {@code settings} adds the caller's own, such as
     * the JMESPath of the key and of the payload hashed to detect a reused key.
     */
    public static void configure(Env env, AwsClients aws, UnaryOperator<IdempotencyConfig.Builder> settings) {
        Idempotency.config()
                .withPersistenceStore(DynamoDBPersistenceStore.builder()
                        .withTableName(env.require("IDEMPOTENCY_TABLE"))
                        .withDynamoDbClient(aws.dynamoDb())
                        .build())
                .withConfig(settings.apply(IdempotencyConfig.builder()
                                .withThrowOnNoIdempotencyKey(true)
                                .withExpiration(EXPIRY))
                        .build())
                .configure();
    }
}
