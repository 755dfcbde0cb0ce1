package com.example.northwind.httpapi;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * A client of the local HTTP API that signs as users' Java code would: the AWS SDK's SigV4 signer
 * ({@link AwsV4HttpSigner}, service execute-api), the request then sent as signed — or altered after signing, to
 * show the signature holding the request together.
 */
final class SignedHttp {
    /** Headers java.net.http sets itself (it refuses them from the caller); it sets them to what was signed. */
    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;
    private final String region;

    SignedHttp(URI endpoint, String accessKey, String secretKey, String region) {
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
    }

    /** The local defaults: local/local, us-east-1. */
    static SignedHttp local(URI endpoint) {
        return new SignedHttp(endpoint, "local", "local", "us-east-1");
    }

    /** One answer: status, headers (lower-cased names), body. */
    record Answer(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        Map<String, Object> json() {
            try {
                return JSON.std.mapFrom(body);
            } catch (IOException e) {
                throw new AssertionError("not a JSON object: " + body, e);
            }
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> error() {
            return (Map<String, Object>) json().get("error");
        }
    }

    /** A request to the API, unsigned: {@code pathAndQuery} as it goes on the wire (already percent-encoded). */
    SdkHttpRequest request(String method, String pathAndQuery, Map<String, String> headers) {
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(URI.create(endpoint + pathAndQuery));
        headers.forEach(builder::putHeader);
        return builder.build();
    }

    /** The request signed with this client's credentials, at {@code clock}'s time. */
    SdkHttpRequest sign(SdkHttpRequest request, String body, Clock clock) {
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKey, secretKey))
                .request(request)
                .payload(body == null ? null : ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock));
        return signed.request();
    }

    Answer get(String pathAndQuery) {
        return send(sign(request("GET", pathAndQuery, Map.of()), null, Clock.systemUTC()), null);
    }

    Answer post(String path, String body, Map<String, String> headers) {
        return send(sign(request("POST", path, headers), body, Clock.systemUTC()), body);
    }

    /** A signed request changed afterwards by {@code tamper} (path, query, headers), with {@code body} sent. */
    Answer sendTampered(SdkHttpRequest signed, UnaryOperator<SdkHttpRequest.Builder> tamper, String body) {
        return send(tamper.apply(signed.toBuilder()).build(), body);
    }

    /** Sends the request as it is (its URI, method and headers) with this body. */
    static Answer send(SdkHttpRequest request, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.getUri()).timeout(Duration.ofSeconds(30))
                .method(request.method().name(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        request.forEachHeader((name, values) -> {
            if (!SET_BY_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return send(builder.build());
    }

    /** Sends a plain (unsigned) request. */
    static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, List<String>> headers = new java.util.TreeMap<>();
            response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            return new Answer(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpClient client() {
        return CLIENT;
    }
}
