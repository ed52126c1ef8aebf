package io.github.orderevents.local.sqs;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Looks queues up on the backend (ElasticMQ) by ARN, and tells which queues send their dead letters where. */
final class QueueDirectory {
    private final SqsClient backend;

    QueueDirectory(SqsClient backend) {
        this.backend = backend;
    }

    /** An SQS queue ARN: {@code arn:<partition>:sqs:<region>:<account>:<name>}. */
    record QueueArn(String region, String account, String name) {
        static Optional<QueueArn> parse(String arn) {
            String[] parts = arn.split(":", -1);
            if (parts.length != 6 || !parts[0].equals("arn") || parts[1].isEmpty() || !parts[2].equals("sqs")
                    || parts[5].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new QueueArn(parts[3], parts[4], parts[5]));
        }
    }

    /**
     * The URL of the queue an ARN names, or empty if there is none. ElasticMQ holds one account in one
     * region and finds a dead-letter target by the name in its ARN: so is a queue found here, by name.
     */
    Optional<String> url(QueueArn arn) {
        try {
            return Optional.of(backend.getQueueUrl(r -> r.queueName(arn.name())).queueUrl());
        } catch (QueueDoesNotExistException e) {
            return Optional.empty();
        }
    }

    /** The queues whose RedrivePolicy names this queue as their dead-letter queue. */
    List<String> deadLetterSources(String queueUrl) {
        // ElasticMQ answers ListDeadLetterSourceQueues from the RedrivePolicy of every queue, as SQS does.
        return backend.listDeadLetterSourceQueuesPaginator(r -> r.queueUrl(queueUrl)).queueUrls().stream().toList();
    }

    /** The queue's type and ApproximateNumberOfMessages. */
    QueueState state(String queueUrl) {
        Map<QueueAttributeName, String> attributes = backend.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.FIFO_QUEUE, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes();
        // A FIFO queue's name ends in .fifo (SQS requires it); ElasticMQ leaves FifoQueue out for standard queues.
        boolean fifo = Boolean.parseBoolean(attributes.getOrDefault(QueueAttributeName.FIFO_QUEUE,
                Boolean.toString(queueUrl.endsWith(".fifo"))));
        long messages = Long.parseLong(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
        return new QueueState(fifo, messages);
    }

    record QueueState(boolean fifo, long approximateNumberOfMessages) {
    }
}
