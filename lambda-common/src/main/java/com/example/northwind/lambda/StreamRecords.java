package com.example.northwind.lambda;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * DynamoDB stream records in the shape Lambda's event source mapping sends them to a function:
 * {@code {"Records": [{eventID, eventName, eventVersion, eventSource, awsRegion, dynamodb: {ApproximateCreationDateTime,
 * Keys, NewImage, OldImage, SequenceNumber, SizeBytes, StreamViewType}, eventSourceARN, userIdentity?}]}}, with
 * {@code ApproximateCreationDateTime} in epoch seconds and attribute values in DynamoDB's JSON ({@code {"S": "..."}},
 * {@code {"N": "12.5"}}, {@code {"B": "<base64>"}}, {@code {"BOOL": true}}, {@code {"NULL": true}}, {@code SS}/{@code NS}/
 * {@code BS}, {@code L}, {@code M}). The local event source mapping converts what GetRecords returns with it, and tests
 * of a consumer build their events with it; {@link #item} reads images of such an event back into attribute values.
 */
public final class StreamRecords {
    private StreamRecords() {
    }

    /** The invocation event of one batch: {@code {"Records": [...]}}. */
    public static Map<String, Object> event(List<Map<String, Object>> records) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("Records", records);
        return event;
    }

    /**
     * One record as Lambda sends it.
     *
     * @param eventSourceArn the stream's ARN (Lambda's {@code eventSourceARN})
     */
    public static Map<String, Object> lambdaRecord(Record record, String eventSourceArn) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("eventID", record.eventID());
        out.put("eventName", record.eventNameAsString());
        out.put("eventVersion", record.eventVersion());
        out.put("eventSource", record.eventSource());
        out.put("awsRegion", record.awsRegion());
        StreamRecord change = record.dynamodb();
        Map<String, Object> dynamodb = new LinkedHashMap<>();
        if (change.approximateCreationDateTime() != null) {
            dynamodb.put("ApproximateCreationDateTime", change.approximateCreationDateTime().getEpochSecond());
        }
        if (change.hasKeys()) {
            dynamodb.put("Keys", itemJson(change.keys()));
        }
        if (change.hasNewImage()) {
            dynamodb.put("NewImage", itemJson(change.newImage()));
        }
        if (change.hasOldImage()) {
            dynamodb.put("OldImage", itemJson(change.oldImage()));
        }
        dynamodb.put("SequenceNumber", change.sequenceNumber());
        dynamodb.put("SizeBytes", change.sizeBytes());
        dynamodb.put("StreamViewType", change.streamViewTypeAsString());
        out.put("dynamodb", dynamodb);
        out.put("eventSourceARN", eventSourceArn);
        if (record.userIdentity() != null) {
            // Set on deletions by TTL: {"type": "Service", "principalId": "dynamodb.amazonaws.com"}.
            Map<String, Object> identity = new LinkedHashMap<>();
            identity.put("type", record.userIdentity().type());
            identity.put("principalId", record.userIdentity().principalId());
            out.put("userIdentity", identity);
        }
        return out;
    }

    /** An item (or key, or image) in DynamoDB's JSON, attribute by attribute. */
    public static Map<String, Object> itemJson(Map<String, AttributeValue> item) {
        Map<String, Object> out = new LinkedHashMap<>();
        item.forEach((name, value) -> out.put(name, attributeValueJson(value)));
        return out;
    }

    /** One attribute value in DynamoDB's JSON: a one-key object naming its type. */
    public static Map<String, Object> attributeValueJson(AttributeValue value) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (value.type()) {
            case S -> out.put("S", value.s());
            case N -> out.put("N", value.n());
            case B -> out.put("B", base64(value.b()));
            case BOOL -> out.put("BOOL", value.bool());
            case NUL -> out.put("NULL", true);
            case SS -> out.put("SS", List.copyOf(value.ss()));
            case NS -> out.put("NS", List.copyOf(value.ns()));
            case BS -> out.put("BS", value.bs().stream().map(StreamRecords::base64).toList());
            case L -> out.put("L", value.l().stream().map(StreamRecords::attributeValueJson).toList());
            case M -> out.put("M", itemJson(value.m()));
            default -> throw new IllegalArgumentException("attribute value of unknown type: " + value);
        }
        return out;
    }

    /**
     * An image of Lambda's event ({@code Keys}, {@code NewImage}, {@code OldImage}) back as attribute values.
     *
     * @throws IllegalArgumentException naming the attribute that is not DynamoDB JSON
     */
    public static Map<String, AttributeValue> item(Map<String, Object> json) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        json.forEach((name, value) -> out.put(name, attributeValue(value, name)));
        return out;
    }

    /** One attribute value from DynamoDB's JSON. */
    public static AttributeValue attributeValue(Object json) {
        return attributeValue(json, "value");
    }

    private static AttributeValue attributeValue(Object json, String what) {
        if (!(json instanceof Map<?, ?> typed) || typed.size() != 1) {
            throw new IllegalArgumentException(what + " is not a DynamoDB attribute value (one type key): " + json);
        }
        String type = String.valueOf(typed.keySet().iterator().next());
        Object v = typed.values().iterator().next();
        return switch (type) {
            case "S" -> AttributeValue.fromS(text(v, what));
            case "N" -> AttributeValue.fromN(text(v, what));
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(text(v, what))));
            case "BOOL" -> AttributeValue.fromBool((Boolean) v);
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" -> AttributeValue.fromSs(texts(v, what));
            case "NS" -> AttributeValue.fromNs(texts(v, what));
            case "BS" -> AttributeValue.fromBs(texts(v, what).stream()
                    .map(b -> SdkBytes.fromByteArray(Base64.getDecoder().decode(b))).toList());
            case "L" -> AttributeValue.fromL(list(v, what).stream().map(e -> attributeValue(e, what + "[]")).toList());
            case "M" -> {
                if (!(v instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException(what + ": M holds " + v + ", not an object");
                }
                Map<String, AttributeValue> members = new LinkedHashMap<>();
                m.forEach((k, e) -> members.put(String.valueOf(k), attributeValue(e, what + "." + k)));
                yield AttributeValue.fromM(members);
            }
            default -> throw new IllegalArgumentException(what + " has the unknown attribute type " + type);
        };
    }

    private static String text(Object v, String what) {
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(what + " holds " + v + " where DynamoDB JSON has a string");
        }
        return s;
    }

    private static List<?> list(Object v, String what) {
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException(what + " holds " + v + " where DynamoDB JSON has an array");
        }
        return l;
    }

    private static List<String> texts(Object v, String what) {
        List<String> out = new ArrayList<>();
        for (Object e : list(v, what)) {
            out.add(text(e, what));
        }
        return out;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
