package com.example.northwind.local;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer the local HTTP API gives itself, in API Gateway's own shape: the status, {@code {"message": …}}, and for a
 * refused signature the {@code x-amzn-ErrorType} API Gateway names (MissingAuthenticationTokenException,
 * InvalidSignatureException, IncompleteSignatureException, UnrecognizedClientException). The functions' refusals are
 * not these: they come back in the functions' {@code {"error": {"type", "message"}}} shape, through the function.
 */
final class ApiGatewayError extends Exception {
    private final int status;
    private final String type;

    ApiGatewayError(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    /** No route for this method and path. */
    static ApiGatewayError notFound() {
        return new ApiGatewayError(404, null, "Not Found");
    }

    /** The route's throttling (locally: every execution environment busy and the queue full). */
    static ApiGatewayError tooManyRequests() {
        return new ApiGatewayError(429, null, "Too Many Requests");
    }

    /** The function failed or timed out: no detail leaves, as from API Gateway. */
    static ApiGatewayError internal() {
        return new ApiGatewayError(500, null, "Internal Server Error");
    }

    /** An IAM route called without a signature. */
    static ApiGatewayError missingAuthenticationToken() {
        return new ApiGatewayError(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    /** A signature that does not verify, or is out of its time window. */
    static ApiGatewayError invalidSignature(String message) {
        return new ApiGatewayError(403, "InvalidSignatureException", message);
    }

    /** An Authorization header that is not a whole SigV4 signature. */
    static ApiGatewayError incompleteSignature(String message) {
        return new ApiGatewayError(403, "IncompleteSignatureException", message);
    }

    /** An access key (or a session token) the API does not know. */
    static ApiGatewayError unrecognizedClient() {
        return new ApiGatewayError(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
    }

    int status() {
        return status;
    }

    HttpResponse toResponse() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (type != null) {
            headers.put("x-amzn-ErrorType", type);
        }
        try {
            return new HttpResponse(status, headers, JSON.std.asBytes(Map.of("message", getMessage())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
