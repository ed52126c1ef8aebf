package io.github.orderevents.systemtests.backends;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import java.util.Optional;

/**
 * The end-to-end scenario with LocalStack as the DynamoDB + SQS backend: the container serves DynamoDB,
 * its streams and SQS; the local cloud runs the API, the functions and their triggers on this machine
 * (see infrastructure/localstack/README.md for deploying the whole template to LocalStack instead).
 * Skipped, visibly, where there is no Docker engine.
 *
 * <p>Image: {@code localstack/localstack:4.14} (the last community image), or {@code LOCALSTACK_IMAGE};
 * images from 4.15 on need {@code LOCALSTACK_AUTH_TOKEN}, passed through when set.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackIT {
    static final String DEFAULT_IMAGE = "localstack/localstack:4.14";

    @Container
    static final LocalStackContainer LOCALSTACK = localStack();

    static LocalStackContainer localStack() {
        String image = env("LOCALSTACK_IMAGE").orElse(DEFAULT_IMAGE);
        LocalStackContainer container = new LocalStackContainer(
                DockerImageName.parse(image).asCompatibleSubstituteFor("localstack/localstack"))
                // The local cloud reads the outbox table's stream through the DynamoDB Streams API.
                .withServices(Service.DYNAMODB, Service.DYNAMODB_STREAMS, Service.SQS);
        env("LOCALSTACK_AUTH_TOKEN").ifPresent(token -> container.withEnv("LOCALSTACK_AUTH_TOKEN", token));
        return container;
    }

    @Test
    void orderIsConfirmedAndNotifiedThroughTheLocalCloudOnLocalStack()  {
        OrderScenario.run(LOCALSTACK.getEndpoint(), "localstack");
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).map(String::strip).filter(value -> !value.isEmpty());
    }
}
