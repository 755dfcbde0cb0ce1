package com.example.northwind.local;

import java.util.Map;

/**
 * One HTTP request as read by {@link LoopbackHttpServer}.
 *
 * @param target    the request target as sent (raw path and query)
 * @param headers      lower-cased names, first value of each
 * @param headerValues lower-cased names, every value in the order received (SigV4 and API Gateway join repeats)
 * @param keepAlive    whether the connection stays open after the answer (HTTP/1.1 unless "Connection: close")
 */
record HttpRequest(String method, String target, Map<String, String> headers, Map<String, java.util.List<String>> headerValues,
                   byte[] body, boolean keepAlive) {
    String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    String rawPath() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** The raw query string, or null. */
    String rawQuery() {
        int q = target.indexOf('?');
        return q < 0 ? null : target.substring(q + 1);
    }
}
