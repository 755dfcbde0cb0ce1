package com.example.northwind.command;

import com.example.northwind.model.Bookkeeping;
import com.example.northwind.model.ItemCodec;
import com.example.northwind.schema.TableSchema;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Remembered idempotency keys. A command with a key puts a record (command, a hash of its params, its result,
 * an expiry) in its own transaction, only if no live record exists — so the record exists exactly when the
 * command's writes do. A repeat finds the record: the same params get the first result and write nothing;
 * other params are a Conflict. Records live {@link #REMEMBERED} (the table's TTL removes them later; until then
 * an expired record counts as absent).
 */
final class Idempotency {
    /** How long a key is remembered: at least the 24 hours promised, with an hour to spare. */
    static final Duration REMEMBERED = Duration.ofHours(25);
    private static final JSON JSON_RW = JSON.std.with(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Clock clock;

    Idempotency(Clock clock) {
        this.clock = clock;
    }

    /** The first answer for this key, when a live record exists; a Conflict when it was used with other params. */
    Optional<Map<String, Object>> replay(CommandRequest request, Store store) {
        Optional<Map<String, AttributeValue>> record = store.item(Bookkeeping.idempotencyPartition(request.idempotencyKey()),
                Bookkeeping.IDEMPOTENCY_SK);
        if (record.isEmpty() || expired(record.get())) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = record.get();
        if (!request.name().equals(item.get(Bookkeeping.IDEMPOTENCY_COMMAND).s())
                || !paramsHash(request).equals(item.get(Bookkeeping.IDEMPOTENCY_PARAMS_HASH).s())) {
            throw CommandError.conflict("idempotencyKey " + request.idempotencyKey()
                    + " was already used for a different request (" + item.get(Bookkeeping.IDEMPOTENCY_COMMAND).s()
                    + " with other params); use a new key for a new request");
        }
        return Optional.of(readResult(item.get(Bookkeeping.IDEMPOTENCY_RESULT).s()));
    }

    /** Adds the record to the command's transaction: put only if no live record holds the key. */
    void remember(CommandRequest request, Map<String, Object> result, Transaction tx) {
        long now = clock.instant().getEpochSecond();
        Map<String, AttributeValue> item = new LinkedHashMap<>(ItemCodec.key(
                Bookkeeping.idempotencyPartition(request.idempotencyKey()), Bookkeeping.IDEMPOTENCY_SK));
        item.put(Bookkeeping.IDEMPOTENCY_COMMAND, AttributeValue.fromS(request.name()));
        item.put(Bookkeeping.IDEMPOTENCY_PARAMS_HASH, AttributeValue.fromS(paramsHash(request)));
        item.put(Bookkeeping.IDEMPOTENCY_RESULT, AttributeValue.fromS(writeResult(result)));
        item.put(TableSchema.TTL, AttributeValue.fromN(Long.toString(now + REMEMBERED.toSeconds())));
        tx.put(item, new Transaction.Condition("attribute_not_exists(#pk) OR #ttl < :now",
                Map.of("#pk", TableSchema.PK, "#ttl", TableSchema.TTL),
                Map.of(":now", AttributeValue.fromN(Long.toString(now)))), Failure.REPLAY);
    }

    private boolean expired(Map<String, AttributeValue> item) {
        AttributeValue ttl = item.get(TableSchema.TTL);
        return ttl != null && Long.parseLong(ttl.n()) < clock.instant().getEpochSecond();
    }

    /** SHA-256 of the command and its normalised params in a canonical, unambiguous form. */
    static String paramsHash(CommandRequest request) {
        Map<String, Object> canonical = new TreeMap<>();
        request.params().forEach((name, value) -> canonical.put(name, canonicalValue(value)));
        try {
            byte[] text = JSON_RW.asBytes(Map.of("command", request.name(), "params", canonical));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("could not hash the request", e);
        }
    }

    private static Object canonicalValue(Object value) {
        if (value == CommandRequest.CLEAR) {
            return Map.of("clear", true); // distinct from any string, including "null"
        }
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString(); // 0.1 and 0.10 are the same discount
        }
        if (value instanceof List<?> lines) {
            return lines.stream().map(l -> {
                CommandRequest.Line line = (CommandRequest.Line) l;
                return List.of(line.productId(), line.quantity(), line.discount().stripTrailingZeros().toPlainString());
            }).toList();
        }
        return value;
    }

    private static String writeResult(Map<String, Object> result) {
        try {
            return new String(JSON_RW.asBytes(result), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("could not store the result", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readResult(String text) {
        try {
            return (Map<String, Object>) JSON_RW.anyFrom(text);
        } catch (IOException e) {
            throw new IllegalStateException("a remembered result could not be read", e);
        }
    }
}
