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

    /** {@code -c jwtIssuer=https://…}: the token issuer of the opt-in JWT routes (with {@link #JWT_AUDIENCE}). */
    public static final String JWT_ISSUER = "jwtIssuer";
    /** {@code -c jwtAudience=clientId1,clientId2}: the audiences the JWT routes accept (with {@link #JWT_ISSUER}). */
    public static final String JWT_AUDIENCE = "jwtAudience";
    /** {@code -c corsOrigins=https://app.example.com,https://admin.example.com}: CORS for these origins; off without it. */
    public static final String CORS_ORIGINS = "corsOrigins";

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

    /**
     * A comma-separated list flag ({@code -c corsOrigins=a,b}), or a JSON array from cdk.json; absent or blank is
     * empty. An empty member ({@code a,,b}) is a mistake, not something to skip.
     */
    public static java.util.List<String> list(Node node, String key) {
        Object value = node.tryGetContext(key);
        if (value == null || value.toString().isBlank()) {
            return java.util.List.of();
        }
        java.util.List<String> items = new java.util.ArrayList<>();
        if (value instanceof java.util.List<?> list) {
            list.forEach(item -> items.add(String.valueOf(item).trim()));
        } else {
            for (String item : value.toString().split(",", -1)) {
                items.add(item.trim());
            }
        }
        if (items.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("Context value '" + key + "' must be a comma-separated list without empty"
                    + " members, got '" + value + "'.");
        }
        return java.util.List.copyOf(items);
    }

    /** A text flag; absent or blank is null. */
    public static String text(Node node, String key) {
        Object value = node.tryGetContext(key);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}
