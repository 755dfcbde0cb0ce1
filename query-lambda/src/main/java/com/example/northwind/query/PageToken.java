package com.example.northwind.query;

import com.example.northwind.model.ItemModel;
import com.example.northwind.model.Read;
import com.example.northwind.model.ScatterGather;
import com.example.northwind.schema.TableSchema;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The opaque nextToken: the last evaluated key, encrypted and authenticated with AES-256-GCM.
 *
 * <p>Layout (then base64url without padding, the one canonical spelling): a version byte, a 12-byte random
 * nonce, and the GCM ciphertext + 16-byte tag of the key values. The additional authenticated data is the
 * version, the pattern name and its normalised params, so a token continues only the query it came from.
 * A client can neither read the key design from a token nor make or edit one: any changed, added or removed
 * byte, or a token made with another key, fails authentication and is answered as a ValidationError before
 * DynamoDB is called. The decrypted position is still checked against the query's key condition (defence in
 * depth: a leaked key must not turn into reads outside the pattern).
 *
 * <p>A sharded list's token ({@link #encodeShards}) carries every shard's position instead — from its start, after a
 * key, or finished (after its last key) — under its own version byte (so neither kind opens as the other), each
 * position checked against its own shard's key condition on the way in.
 *
 * <p>The key comes from {@link PageTokenKeys}: a Secrets Manager secret in a deployment, random per start
 * locally. Nonces are random; a fresh {@link SecureRandom} is made after a SnapStart restore so that execution
 * environments resumed from one snapshot never share a nonce sequence.
 */
final class PageToken {
    static final String INVALID = "nextToken is not valid for this request; pass the nextToken of the previous answer"
            + " with the same pattern and params, or omit it to start from the first page";
    static final int KEY_BYTES = 32;
    private static final int MAX_LENGTH = 4096;
    private static final byte VERSION = 1;
    /** A sharded list's token: every shard's position (see {@link #encodeShards}). */
    private static final byte SHARDED_VERSION = 2;
    private static final int SHARD_FROM_START = 0;
    private static final int SHARD_AFTER = 1;
    private static final int SHARD_DONE = 2;
    /** Finished, after this key: the last item it returned still bounds what later pages may return (the floor). */
    private static final int SHARD_DONE_AFTER = 3;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String CIPHER = "AES/GCM/NoPadding";
    /** Every key attribute a position may hold, in the order they are written: the table's key, then an index's. */
    private static final List<String> KEY_ORDER = List.of(TableSchema.PK, TableSchema.SK, TableSchema.DATA,
            TableSchema.PK2, TableSchema.SK2);

    private final SecretKey key;
    private volatile SecureRandom random = new SecureRandom();

    /** @param key 32 bytes (AES-256) */
    PageToken(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a page-token key has " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** After a SnapStart restore: a new random source, so restored environments draw different nonces. */
    void afterRestore() {
        random = new SecureRandom();
    }

    String encode(QueryRequest request, Map<String, AttributeValue> lastEvaluatedKey) {
        ByteArrayOutputStream plain = new ByteArrayOutputStream(256);
        writePosition(plain, lastEvaluatedKey);
        return seal(VERSION, request, plain.toByteArray());
    }

    /**
     * A sharded list's token: the shard count, then per shard a state byte (from its start, after a key, finished)
     * and, after a key, the key as {@link #encode} writes one. Sealed like any token, under its own version byte.
     */
    String encodeShards(QueryRequest request, List<ScatterGather.Position> positions) {
        ByteArrayOutputStream plain = new ByteArrayOutputStream(128 * positions.size());
        plain.write(positions.size());
        for (ScatterGather.Position position : positions) {
            if (position.done() && position.after() == null) {
                plain.write(SHARD_DONE);
            } else if (position.done()) {
                plain.write(SHARD_DONE_AFTER);
                writeKey(plain, position.after());
            } else if (position.after() == null) {
                plain.write(SHARD_FROM_START);
            } else {
                plain.write(SHARD_AFTER);
                writeKey(plain, position.after());
            }
        }
        return seal(SHARDED_VERSION, request, plain.toByteArray());
    }

    private static void writeKey(ByteArrayOutputStream plain, Map<String, String> key) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        key.forEach((name, value) -> values.put(name, AttributeValue.fromS(value)));
        writePosition(plain, values);
    }

    private static void writePosition(ByteArrayOutputStream plain, Map<String, AttributeValue> lastEvaluatedKey) {
        List<String> names = inKeyOrder(lastEvaluatedKey.keySet());
        if (names.size() != lastEvaluatedKey.size()) {
            throw new IllegalStateException("unexpected LastEvaluatedKey attributes " + lastEvaluatedKey.keySet());
        }
        plain.write(names.size());
        for (String name : names) {
            byte[] value = lastEvaluatedKey.get(name).s().getBytes(StandardCharsets.UTF_8);
            plain.write(value.length >> 8);
            plain.write(value.length);
            plain.writeBytes(value);
        }
    }

    private String seal(byte version, QueryRequest request, byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(request, version));
            byte[] sealed = cipher.doFinal(plain);
            ByteBuffer token = ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length);
            token.put(version).put(nonce).put(sealed);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not seal nextToken", e);
        }
    }

    /** The plain text of a token of this version for this request, or a ValidationException. */
    private byte[] open(QueryRequest request, byte version) {
        String text = request.nextToken();
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new ValidationException(INVALID);
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(INVALID);
        }
        // One spelling per token: padding, or other values of the unused low bits of the last character, are refused.
        if (bytes.length < 1 + NONCE_BYTES + TAG_BITS / 8 || bytes[0] != version
                || !Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text)) {
            throw new ValidationException(INVALID);
        }
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData(request, version));
            return cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new ValidationException(INVALID); // edited, truncated, extended, another query's or another key's
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not open nextToken", e);
        }
    }

    /** The ExclusiveStartKey for this query, or a ValidationException when the token does not belong to it. */
    Map<String, AttributeValue> decode(QueryRequest request, Read.Query plan) {
        ByteBuffer in = ByteBuffer.wrap(open(request, VERSION));
        Map<String, AttributeValue> start = readPosition(in, plan);
        if (in.hasRemaining()) {
            throw new ValidationException(INVALID);
        }
        return start;
    }

    /** Every shard's position for this sharded read, or a ValidationException when the token does not belong to it. */
    List<ScatterGather.Position> decodeShards(QueryRequest request, Read.Sharded plan) {
        ByteBuffer in = ByteBuffer.wrap(open(request, SHARDED_VERSION));
        if (!in.hasRemaining() || in.get() != plan.shards().size()) {
            throw new ValidationException(INVALID);
        }
        List<ScatterGather.Position> positions = new java.util.ArrayList<>(plan.shards().size());
        boolean allDone = true;
        for (Read.Query shard : plan.shards()) {
            if (!in.hasRemaining()) {
                throw new ValidationException(INVALID);
            }
            int state = in.get();
            switch (state) {
                case SHARD_FROM_START -> positions.add(ScatterGather.Position.START);
                case SHARD_DONE -> positions.add(ScatterGather.Position.DONE);
                case SHARD_AFTER, SHARD_DONE_AFTER -> {
                    Map<String, String> after = new LinkedHashMap<>();
                    readPosition(in, shard).forEach((name, value) -> after.put(name, value.s()));
                    positions.add(new ScatterGather.Position(Map.copyOf(after), after.get(shard.sortAttribute()),
                            state == SHARD_DONE_AFTER));
                }
                default -> throw new ValidationException(INVALID);
            }
            allDone &= state == SHARD_DONE || state == SHARD_DONE_AFTER;
        }
        if (in.hasRemaining() || allDone) {
            throw new ValidationException(INVALID); // a finished list has no token
        }
        return positions;
    }

    /** One position as {@link #writePosition} wrote it, checked to be a key this query could have stopped at. */
    private static Map<String, AttributeValue> readPosition(ByteBuffer in, Read.Query plan) {
        List<String> expected = inKeyOrder(plan.startKeyAttributes());
        Map<String, AttributeValue> start = readKey(in, expected);
        // On an index the table's partition key is not part of the key condition, so it is checked on its own
        // (defence in depth behind the seal): it must be a partition some item of the model could have.
        if (!ItemModel.isItemPartition(start.get(TableSchema.PK).s())) {
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

    /** The exact layout written by {@link #writePosition}: count, then length-prefixed UTF-8 values. */
    private static Map<String, AttributeValue> readKey(ByteBuffer in, List<String> expected) {
        if (!in.hasRemaining() || in.get() != expected.size()) {
            throw new ValidationException(INVALID);
        }
        Map<String, AttributeValue> start = new LinkedHashMap<>();
        for (String name : expected) {
            if (in.remaining() < 2) {
                throw new ValidationException(INVALID);
            }
            int length = in.getShort() & 0xffff;
            if (length == 0 || length > in.remaining() || length > KeyLimits.maxBytes(name)) {
                throw new ValidationException(INVALID);
            }
            byte[] value = new byte[length];
            in.get(value);
            try {
                String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value)).toString();
                start.put(name, AttributeValue.fromS(text));
            } catch (CharacterCodingException e) {
                throw new ValidationException(INVALID);
            }
        }
        return start;
    }

    /** The names among these that are key attributes, in {@link #KEY_ORDER}. */
    private static List<String> inKeyOrder(Set<String> names) {
        return KEY_ORDER.stream().filter(names::contains).toList();
    }

    /**
     * Version, pattern and normalised params (a sorted map), authenticated with the position, so a token only
     * continues the same query. Every string is length-prefixed: a text value may contain any character, so no
     * separator alone could keep {country: "X", region: "Y"} apart from {country: "X<separator>region=Y"}.
     */
    static byte[] associatedData(QueryRequest request) {
        return associatedData(request, VERSION);
    }

    private static byte[] associatedData(QueryRequest request, byte version) {
        StringBuilder canonical = new StringBuilder("northwind-nextToken-v" + version + ";");
        appendLengthPrefixed(canonical, request.pattern().patternName());
        request.params().forEach((name, value) -> {
            appendLengthPrefixed(canonical, name);
            appendLengthPrefixed(canonical, value);
        });
        // The UTF-16 code units as they are: a UTF-8 encoding would turn every lone surrogate into the same '?'.
        byte[] units = new byte[canonical.length() * 2];
        for (int i = 0; i < canonical.length(); i++) {
            units[2 * i] = (byte) (canonical.charAt(i) >> 8);
            units[2 * i + 1] = (byte) canonical.charAt(i);
        }
        return units;
    }

    private static void appendLengthPrefixed(StringBuilder out, String text) {
        out.append(text.length()).append(':').append(text);
    }
}
