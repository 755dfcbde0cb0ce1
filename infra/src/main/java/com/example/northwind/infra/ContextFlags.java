package com.example.northwind.infra;

import software.constructs.Node;

/**
 * The app's context flags ({@code cdk deploy -c name=value}), read strictly: a typo must not silently mean
 * "off" (or "on") for a setting that decides encryption or who gets paged.
 */
public final class ContextFlags {
    /** {@code -c customerManagedKeys=true}: KMS customer-managed keys for the table, the logs and the alarm topic. */
    public static final String CUSTOMER_MANAGED_KEYS = "customerManagedKeys";
    /** {@code -c alarmTopic=true}: an SNS topic the alarms notify. */
    public static final String ALARM_TOPIC = "alarmTopic";
    /** {@code -c alarmEmail=ops@example.com}: an SNS topic the alarms notify, with this address subscribed. */
    public static final String ALARM_EMAIL = "alarmEmail";

    private ContextFlags() {
    }

    /** A true/false flag; absent is false. */
    public static boolean bool(Node node, String key) {
        Object value = node.tryGetContext(key);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException("Context value '" + key + "' must be true or false, got '" + value + "'.");
    }

    /** A text flag; absent or blank is null. */
    public static String text(Node node, String key) {
        Object value = node.tryGetContext(key);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}
