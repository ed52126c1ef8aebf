package io.github.orderevents.local.sqs;

/**
 * A message move task (DLQ redrive) as ListMessageMoveTasks describes it, for the console. Absent values
 * are null rather than Optional so that the console can write this record as JSON as it is.
 *
 * @param taskHandle                        the handle CancelMessageMoveTask takes (ListMessageMoveTasks shows it
 *                                          only while the task is RUNNING; here it is always set)
 * @param destinationArn                    the DestinationArn the task was started with; null when the
 *                                          messages go back to the queues they came from
 * @param maxNumberOfMessagesPerSecond      the rate the task was started with; null when none was given
 * @param approximateNumberOfMessagesToMove the DLQ's ApproximateNumberOfMessages when the task started
 * @param failureReason                     why the task FAILED; null otherwise
 * @param startedTimestamp                  epoch milliseconds
 */
public record MoveTask(String taskHandle, Status status, String sourceArn, String destinationArn,
                       Integer maxNumberOfMessagesPerSecond, long approximateNumberOfMessagesMoved,
                       long approximateNumberOfMessagesToMove, String failureReason, long startedTimestamp) {

    /** The statuses SQS reports for a move task. */
    public enum Status {
        RUNNING, COMPLETED, CANCELLING, CANCELLED, FAILED;

        /** RUNNING or CANCELLING: SQS allows one such task per source queue. */
        public boolean active() {
            return this == RUNNING || this == CANCELLING;
        }
    }
}
