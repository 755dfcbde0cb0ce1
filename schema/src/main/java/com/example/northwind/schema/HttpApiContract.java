package com.example.northwind.schema;

/**
 * The HTTP API in front of the query and command functions, as infra deploys it, the functions answer it, local-run
 * serves it and the OpenAPI document describes it: routes, the header and query names that carry a request, the body
 * limit, and which status each error type of the functions' {@code {"error": {"type", "message"}}} shape gets.
 */
public final class HttpApiContract {
    /** {@code GET /patterns/{pattern}}: the pattern's parameters, {@link #LIMIT} and {@link #NEXT_TOKEN} in the query string. */
    public static final String QUERY_METHOD = "GET";
    public static final String QUERY_ROUTE_PATH = "/patterns/{pattern}";
    public static final String PATTERN_PARAMETER = "pattern";
    /** {@code POST /commands/{command}}: the params as the JSON body, {@link #IDEMPOTENCY_KEY_HEADER} optional. */
    public static final String COMMAND_METHOD = "POST";
    public static final String COMMAND_ROUTE_PATH = "/commands/{command}";
    public static final String COMMAND_PARAMETER = "command";
    /**
     * With the opt-in JWT authorizer the same two routes exist a second time under this prefix, authorized by JWT
     * (a route has one authorizer; the IAM routes stay as they are).
     */
    public static final String JWT_PREFIX = "/jwt";

    /** Query-string names that are not pattern parameters. */
    public static final String LIMIT = "limit";
    public static final String NEXT_TOKEN = "nextToken";
    /** The header that carries a command's idempotency key (the direct API's {@code idempotencyKey}). */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    /**
     * The largest body the API takes: far above any valid command (25 order lines and every text field at 200
     * characters, even written as JSON escapes, stay under 16 KiB), far below Lambda's 6 MB. Larger is 413.
     */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** The error types of the functions' answers, and the one the HTTP API adds for an over-long body. */
    public static final String VALIDATION_ERROR = "ValidationError";
    public static final String NOT_FOUND = "NotFound";
    public static final String CONFLICT = "Conflict";
    public static final String PAYLOAD_TOO_LARGE = "PayloadTooLarge";

    private HttpApiContract() {
    }

    /** The status an answered error gets: 400, 404, 409, 413 (an unknown type is the function's fault: 500). */
    public static int status(String errorType) {
        return switch (String.valueOf(errorType)) {
            case VALIDATION_ERROR -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case PAYLOAD_TOO_LARGE -> 413;
            default -> 500;
        };
    }

    /** {@code /patterns/employee}: the concrete path of one pattern (what a client calls, what IAM sees). */
    public static String patternPath(String pattern) {
        return QUERY_ROUTE_PATH.replace("{" + PATTERN_PARAMETER + "}", pattern);
    }

    /** {@code /commands/placeOrder}. */
    public static String commandPath(String command) {
        return COMMAND_ROUTE_PATH.replace("{" + COMMAND_PARAMETER + "}", command);
    }
}
