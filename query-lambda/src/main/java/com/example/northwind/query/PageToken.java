package com.example.northwind.query;

import com.example.northwind.model.Read;
import com.example.northwind.schema.EntityType;
import com.example.northwind.schema.Keys;
import com.example.northwind.schema.TableSchema;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The opaque nextToken: base64url of {@code {"p": pattern, "h": hash of the params, "k": last evaluated key}}.
 *
 * <p>It is not signed (no secret to keep in code); instead {@link #decode} binds it to the request it
 * continues: same pattern, same parameters, and a key that lies inside this query's key condition. A token
 * from another query, or an edited one, is answered as a ValidationError before DynamoDB ever sees it.
 */
final class PageToken {
    static final String INVALID = "nextToken is not valid for this request; pass the nextToken of the previous answer"
            + " with the same pattern and params, or omit it to start from the first page";
    private static final int MAX_LENGTH = 4096;
    private static final JSON JSON_RW = JSON.std;
    private static final Set<String> ENTITY_PREFIXES = Arrays.stream(EntityType.values())
            .map(EntityType::keyPrefix).collect(Collectors.toUnmodifiableSet());

    private PageToken() {
    }

    static String encode(QueryRequest request, Map<String, AttributeValue> lastEvaluatedKey) {
        Map<String, String> key = new TreeMap<>();
        lastEvaluatedKey.forEach((name, value) -> key.put(name, value.s()));
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("p", request.pattern().patternName());
        token.put("h", paramsHash(request));
        token.put("k", key);
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON_RW.asBytes(token));
        } catch (IOException e) {
            throw new IllegalStateException("could not write nextToken", e);
        }
    }

    /** The ExclusiveStartKey for this query, or a ValidationException when the token does not belong to it. */
    static Map<String, AttributeValue> decode(QueryRequest request, Read.Query plan) {
        String text = request.nextToken();
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new ValidationException(INVALID);
        }
        Object parsed;
        try {
            parsed = JSON_RW.anyFrom(Base64.getUrlDecoder().decode(text));
        } catch (IllegalArgumentException | IOException e) {
            throw new ValidationException(INVALID);
        }
        if (!(parsed instanceof Map<?, ?> token)
                || !request.pattern().patternName().equals(token.get("p"))
                || !paramsHash(request).equals(token.get("h"))
                || !(token.get("k") instanceof Map<?, ?> key)) {
            throw new ValidationException(INVALID);
        }
        Set<String> expected = plan.startKeyAttributes();
        if (!key.keySet().equals(expected)) {
            throw new ValidationException(INVALID);
        }
        Map<String, AttributeValue> start = new LinkedHashMap<>();
        for (String name : expected) {
            // Bytes, not chars: DynamoDB's key limits are on UTF-8, and an over-long key is a request error.
            if (!(key.get(name) instanceof String value) || value.isEmpty() || !KeyLimits.fits(name, value)) {
                throw new ValidationException(INVALID);
            }
            start.put(name, AttributeValue.fromS(value));
        }
        // On the index the table's partition key is not part of the key condition, so it is checked on its own:
        // every item's partition is <PREFIX>#<id> of an entity.
        if (!isEntityPartition(start.get(TableSchema.PK).s())) {
            throw new ValidationException(INVALID);
        }
        // The key must be a position this query could have stopped at, else DynamoDB would reject or misread it.
        String partition = start.get(plan.partitionAttribute()).s();
        String sort = start.get(plan.sortAttribute()).s();
        if (!partition.equals(plan.partition()) || !plan.sort().matches(sort)) {
            throw new ValidationException(INVALID);
        }
        return start;
    }

    private static boolean isEntityPartition(String partition) {
        int separator = partition.indexOf(Keys.SEPARATOR);
        return separator > 0 && separator < partition.length() - 1
                && ENTITY_PREFIXES.contains(partition.substring(0, separator));
    }

    /**
     * A short digest of pattern + normalised params (a sorted map), so a token only continues the same query.
     * Every string is length-prefixed: a text value may contain any character, so no separator alone could
     * keep {country: "X", region: "Y"} apart from {country: "X<separator>region=Y"}.
     */
    private static String paramsHash(QueryRequest request) {
        StringBuilder canonical = new StringBuilder();
        appendLengthPrefixed(canonical, request.pattern().patternName());
        request.params().forEach((name, value) -> {
            appendLengthPrefixed(canonical, name);
            appendLengthPrefixed(canonical, value);
        });
        try {
            // The UTF-16 code units as they are: a UTF-8 encoding would turn every lone surrogate into the same '?'.
            byte[] units = new byte[canonical.length() * 2];
            for (int i = 0; i < canonical.length(); i++) {
                units[2 * i] = (byte) (canonical.charAt(i) >> 8);
                units[2 * i + 1] = (byte) canonical.charAt(i);
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(units);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void appendLengthPrefixed(StringBuilder out, String text) {
        out.append(text.length()).append(':').append(text);
    }
}
