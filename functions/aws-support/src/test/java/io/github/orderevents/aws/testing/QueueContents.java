package io.github.orderevents.aws.testing;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many messages each queue of an ElasticMQ holds (visible, in flight, delayed). Counted from the queue's
 * attributes, since reading the messages themselves would change their receive counts.
 */
public record QueueContents(Map<String, Map<QueueAttributeName, String>> counts) {
    private static final List<QueueAttributeName> COUNTS = List.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);

    public static QueueContents of(SqsClient sqs) {
        Map<String, Map<QueueAttributeName, String>> counts = new TreeMap<>();
        sqs.listQueues().queueUrls().forEach(url -> counts.put(url,
                new TreeMap<>(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(COUNTS)).attributes())));
        return new QueueContents(counts);
    }
}
