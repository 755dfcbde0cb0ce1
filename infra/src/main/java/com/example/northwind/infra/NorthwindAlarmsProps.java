package com.example.northwind.infra;

import software.amazon.awscdk.services.sns.ITopic;

/**
 * Properties of {@link NorthwindAlarms}.
 *
 * @param topic the SNS topic every alarm notifies (alarm and OK). @default none: the alarms show in the console only
 */
public record NorthwindAlarmsProps(ITopic topic) {
}
