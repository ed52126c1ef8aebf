package io.github.orderevents.local.console;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A table's item count as the console's status shows it.
 *
 * @param count         the items counted (a Scan with Select COUNT); null when the table could not be read
 * @param countComplete false when counting stopped at {@link Tables#COUNT_BOUND} items: the table has more
 * @param error         why the table could not be read; null when it could
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableCount(String logicalId, String name, Long count, boolean countComplete, String error) {
}
