package io.github.orderevents.local.console;

/**
 * A queue's messages: visible, in flight, whether it is a dead-letter queue (another queue's RedrivePolicy
 * targets it), and the ARN of its own dead-letter queue (null without a RedrivePolicy).
 */
public record QueueDepth(String logicalId, String name, String url, String arn, int visible, int inFlight,
                         boolean deadLetterQueue, String deadLetterTargetArn) {
}
