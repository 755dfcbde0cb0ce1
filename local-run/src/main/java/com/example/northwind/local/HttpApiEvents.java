package com.example.northwind.local;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Lambda event API Gateway's HTTP API sends for a request (payload format 2.0): route key, raw path and query,
 * headers lower-cased with repeats joined by commas, cookies apart, query parameters decoded (repeats joined by
 * commas), path parameters, the body (base64 when it is not text), and the request context with the IAM caller. The
 * functions read it through the same {@code HttpApiAdapter} as on AWS, so local and deployed answers cannot drift.
 */
final class HttpApiEvents {
    /** API Gateway's request time format: {@code 12/Mar/2020:19:03:58 +0000}. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    static final String API_ID = "local";
    static final String STAGE = "$default";

    private HttpApiEvents() {
    }

    /**
     * @param routeKey       the route matched ({@code GET /patterns/{pattern}})
     * @param pathParameters its parameters, decoded
     * @param caller         who signed the request
     */
    static Map<String, Object> event(HttpRequest request, String routeKey, Map<String, String> pathParameters,
                                     SigV4Verifier.Caller caller, String requestId, Instant now) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery() == null ? "" : request.rawQuery());
        List<String> cookies = new ArrayList<>();
        Map<String, String> headers = new LinkedHashMap<>();
        request.headerValues().forEach((name, values) -> {
            if (name.equals("cookie")) {
                values.forEach(v -> cookies.addAll(List.of(v.split(";\\s*"))));
            } else {
                headers.put(name, String.join(",", values));
            }
        });
        if (!cookies.isEmpty()) {
            event.put("cookies", cookies);
        }
        event.put("headers", headers);
        Map<String, String> query = queryParameters(request.rawQuery());
        if (!query.isEmpty()) {
            event.put("queryStringParameters", query);
        }
        event.put("requestContext", requestContext(request, routeKey, caller, requestId, now));
        if (request.body().length > 0) {
            boolean text = isText(headers.get("content-type"));
            event.put("body", text ? new String(request.body(), StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(request.body()));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        event.put("pathParameters", pathParameters);
        return event;
    }

    private static Map<String, Object> requestContext(HttpRequest request, String routeKey, SigV4Verifier.Caller caller,
                                                      String requestId, Instant now) {
        Map<String, Object> iam = new LinkedHashMap<>();
        iam.put("accessKey", caller.accessKey());
        iam.put("accountId", TemplateValues.ACCOUNT);
        iam.put("callerId", caller.accessKey());
        iam.put("cognitoIdentity", null);
        iam.put("principalOrgId", null);
        iam.put("userArn", "arn:aws:iam::" + TemplateValues.ACCOUNT + ":user/" + caller.accessKey());
        iam.put("userId", caller.accessKey());
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", LocalDynamoDbServer.LOOPBACK);
        http.put("userAgent", request.header("User-Agent") == null ? "" : request.header("User-Agent"));
        String host = request.header("Host") == null ? LocalDynamoDbServer.LOOPBACK : request.header("Host");
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", TemplateValues.ACCOUNT);
        context.put("apiId", API_ID);
        context.put("authorizer", Map.of("iam", iam));
        context.put("domainName", host);
        context.put("domainPrefix", host.split("[.:]")[0]);
        context.put("http", http);
        context.put("requestId", requestId);
        context.put("routeKey", routeKey);
        context.put("stage", STAGE);
        context.put("time", TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        return context;
    }

    /** Decoded names and values ('+' stays '+'); a name given twice has its values joined by commas, as API Gateway does. */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null) {
            return out;
        }
        for (String piece : rawQuery.split("&")) {
            if (piece.isEmpty()) {
                continue;
            }
            int eq = piece.indexOf('=');
            String name = utf8(SigV4Verifier.percentDecode(eq < 0 ? piece : piece.substring(0, eq)));
            String value = utf8(SigV4Verifier.percentDecode(eq < 0 ? "" : piece.substring(eq + 1)));
            out.merge(name, value, (a, b) -> a + "," + b);
        }
        return out;
    }

    /** Bodies API Gateway passes as text; anything else is base64-encoded in the event. */
    private static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml") || type.contains("javascript")
                || type.startsWith("application/x-www-form-urlencoded");
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
