package com.example.northwind.local;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a request's AWS Signature Version 4 as API Gateway checks it for an IAM route (service {@value #SERVICE}):
 * the Authorization header's credential scope (date, region, service), the access key, the time window, and the
 * signature over the canonical request — method; the path URI-encoded again (every byte but the unreserved ones and
 * {@code /}, as SigV4 asks of every service but S3) after its dot segments are removed; the query parameters decoded,
 * encoded strictly and sorted; the signed headers, lower-cased, trimmed, repeats joined with commas; and the payload's
 * SHA-256, or the {@code x-amz-content-sha256} header when sent ({@code UNSIGNED-PAYLOAD} signs no body). Signatures
 * are compared in constant time. Refusals are API Gateway's 403s with its words ({@link ApiGatewayError}); a signature
 * that does not match says, as API Gateway does, what canonical request and string to sign it expected.
 *
 * <p>Not checked locally: IAM policies ({@code execute-api:Invoke}) — any request signed with the local credentials is
 * allowed — and presigned URLs (query-string signatures), which are refused as unsigned.
 */
final class SigV4Verifier {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String SERVICE = "execute-api";
    /** How far x-amz-date may be from the clock: API Gateway refuses signatures five minutes old (or early). */
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    /** Who signed an accepted request: the access key (the local credentials'). */
    record Caller(String accessKey) {
    }

    private final String accessKey;
    private final String secretKey;
    private final String region;
    private final Clock clock;

    SigV4Verifier(String accessKey, String secretKey, String region, Clock clock) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
        this.clock = clock;
    }

    /** The signer of a request whose signature holds; an {@link ApiGatewayError} (403) saying why otherwise. */
    Caller verify(HttpRequest request) throws ApiGatewayError {
        String authorization = request.header("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw ApiGatewayError.missingAuthenticationToken();
        }
        Map<String, String> parts = authorizationParts(authorization);
        String amzDate = request.header("X-Amz-Date");
        String dateHeader = amzDate != null ? "x-amz-date" : "date";
        Instant signedAt = signedAt(request, amzDate, authorization, parts);
        String isoDate = AMZ_DATE.format(signedAt);

        String[] scope = parts.get("Credential").split("/", -1);
        if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
            throw ApiGatewayError.incompleteSignature("Credential should be scoped with a valid terminator: 'aws4_request', not '"
                    + scope[scope.length - 1] + "'.");
        }
        if (!scope[1].equals(isoDate.substring(0, 8))) {
            throw ApiGatewayError.invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of"
                    + " date from HTTP: '" + scope[1] + "' != '" + isoDate.substring(0, 8) + "', from '" + isoDate + "'.");
        }
        if (!scope[2].equals(region)) {
            throw ApiGatewayError.invalidSignature("Credential should be scoped to a valid region, not '" + scope[2] + "'.");
        }
        if (!scope[3].equals(SERVICE)) {
            throw ApiGatewayError.invalidSignature("Credential should be scoped to correct service: '" + SERVICE + "'.");
        }
        List<String> signedHeaders = List.of(parts.get("SignedHeaders").split(";", -1));
        if (!signedHeaders.contains("host")) {
            throw ApiGatewayError.incompleteSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        if (!signedHeaders.contains(dateHeader)) {
            // An unsigned date could be replaced to stretch the time window: the date must be part of what is signed.
            throw ApiGatewayError.incompleteSignature("'" + (amzDate != null ? "X-Amz-Date" : "Date")
                    + "' must be a 'SignedHeader' in the AWS Authorization.");
        }
        if (!constantTimeEquals(scope[0], accessKey) || request.header("X-Amz-Security-Token") != null) {
            throw ApiGatewayError.unrecognizedClient(); // no session credentials exist locally
        }
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(WINDOW))) {
            throw ApiGatewayError.invalidSignature("Signature expired: " + isoDate + " is now earlier than "
                    + AMZ_DATE.format(now.minus(WINDOW)) + " (" + AMZ_DATE.format(now) + " - 5 min.)");
        }
        if (signedAt.isAfter(now.plus(WINDOW))) {
            throw ApiGatewayError.invalidSignature("Signature not yet current: " + isoDate + " is still later than "
                    + AMZ_DATE.format(now.plus(WINDOW)) + " (" + AMZ_DATE.format(now) + " + 5 min.)");
        }

        String payloadHash = payloadHash(request);
        String canonicalRequest = String.join("\n", request.method(), canonicalUri(request.rawPath()),
                canonicalQuery(request.rawQuery()), canonicalHeaders(request, signedHeaders),
                parts.get("SignedHeaders"), payloadHash);
        String credentialScope = String.join("/", scope[1], scope[2], scope[3], scope[4]);
        String stringToSign = String.join("\n", ALGORITHM, isoDate, credentialScope,
                HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        String expected = HEX.formatHex(hmac(signingKey(scope[1], scope[2], scope[3]), stringToSign));
        if (!constantTimeEquals(expected, parts.get("Signature").toLowerCase(Locale.ROOT))) {
            throw ApiGatewayError.invalidSignature("The request signature we calculated does not match the signature you"
                    + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation"
                    + " for details.\n\nThe Canonical String for this request should have been\n'" + canonicalRequest
                    + "'\n\nThe String-to-Sign should have been\n'" + stringToSign + "'\n");
        }
        return new Caller(scope[0]);
    }

    /** Credential, SignedHeaders and Signature of an {@code AWS4-HMAC-SHA256 …} header; IncompleteSignature if any is missing. */
    private static Map<String, String> authorizationParts(String authorization) throws ApiGatewayError {
        Map<String, String> parts = new LinkedHashMap<>();
        String rest = authorization.startsWith(ALGORITHM + " ") ? authorization.substring(ALGORITHM.length() + 1) : "";
        for (String part : rest.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        StringBuilder missing = new StringBuilder();
        for (String required : List.of("Credential", "Signature", "SignedHeaders")) {
            if (parts.getOrDefault(required, "").isEmpty()) {
                missing.append("Authorization header requires '").append(required).append("' parameter. ");
            }
        }
        if (missing.length() > 0) {
            throw ApiGatewayError.incompleteSignature(missing + "Authorization=" + authorization);
        }
        return parts;
    }

    /** When the request was signed: {@code X-Amz-Date} (ISO 8601 basic), else the {@code Date} header (RFC 1123). */
    private static Instant signedAt(HttpRequest request, String amzDate, String authorization, Map<String, String> parts)
            throws ApiGatewayError {
        if (amzDate != null) {
            try {
                return Instant.from(AMZ_DATE.parse(amzDate));
            } catch (DateTimeParseException e) {
                throw ApiGatewayError.incompleteSignature("Date must be in ISO-8601 'basic format'. Got '" + amzDate
                        + "'. See http://en.wikipedia.org/wiki/ISO_8601");
            }
        }
        String date = request.header("Date");
        if (date != null) {
            try {
                return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                // reported below as a missing date
            }
        }
        throw ApiGatewayError.incompleteSignature("Authorization header requires existence of either a 'X-Amz-Date' or"
                + " a 'Date' header. Authorization=" + authorization);
    }

    /** The body's SHA-256 in hex, or what {@code x-amz-content-sha256} says — which must then be the body's. */
    private static String payloadHash(HttpRequest request) throws ApiGatewayError {
        String actual = HEX.formatHex(sha256(request.body()));
        String declared = request.header("X-Amz-Content-Sha256");
        if (declared == null) {
            return actual;
        }
        if (!declared.equals(UNSIGNED_PAYLOAD) && !constantTimeEquals(declared.toLowerCase(Locale.ROOT), actual)) {
            throw ApiGatewayError.invalidSignature("The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        return declared;
    }

    /** The raw path with its dot segments removed, every byte URI-encoded again but the unreserved ones and '/'. */
    static String canonicalUri(String rawPath) {
        Deque<String> segments = new ArrayDeque<>();
        String[] pieces = rawPath.split("/", -1);
        for (int i = 1; i < pieces.length; i++) {
            String segment = pieces[i];
            if (segment.equals("..")) {
                segments.pollLast();
            } else if (!segment.equals(".")) {
                segments.addLast(segment);
            }
        }
        String normalized = "/" + String.join("/", segments);
        return uriEncode(normalized.getBytes(StandardCharsets.ISO_8859_1), false); // the request line's bytes
    }

    /** Every parameter decoded, then encoded strictly, sorted by name then value; {@code name=value} joined by '&'. */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String piece : rawQuery.split("&")) {
            if (piece.isEmpty()) {
                continue;
            }
            int eq = piece.indexOf('=');
            String name = eq < 0 ? piece : piece.substring(0, eq);
            String value = eq < 0 ? "" : piece.substring(eq + 1);
            pairs.add(new String[] {uriEncode(percentDecode(name), true), uriEncode(percentDecode(value), true)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> out = new ArrayList<>();
        pairs.forEach(p -> out.add(p[0] + "=" + p[1]));
        return String.join("&", out);
    }

    /** {@code name:value\n} per signed header: values trimmed, inner runs of spaces made one, repeats joined by ','. */
    private static String canonicalHeaders(HttpRequest request, List<String> signedHeaders) {
        StringBuilder out = new StringBuilder();
        for (String name : signedHeaders) {
            List<String> values = request.headerValues().getOrDefault(name, List.of());
            List<String> canonical = new ArrayList<>();
            values.forEach(v -> canonical.add(v.strip().replaceAll("\\s+", " ")));
            out.append(name).append(':').append(String.join(",", canonical)).append('\n');
        }
        return out.toString();
    }

    private byte[] signingKey(String date, String scopeRegion, String service) {
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, scopeRegion);
        key = hmac(key, service);
        return hmac(key, "aws4_request");
    }

    /** RFC 3986 percent-encoding of every byte but A-Z a-z 0-9 - _ . ~ (and '/' unless {@code encodeSlash}). */
    static String uriEncode(byte[] bytes, boolean encodeSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** The bytes a request-line text stands for: %XX escapes decoded ('+' stays '+'), a broken escape kept as it is. */
    static byte[] percentDecode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int hi = c == '%' && i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (lo >= 0) {
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                bytes.write(c); // the request line is read as ISO-8859-1: one char per byte
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
