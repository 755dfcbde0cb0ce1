package com.example.northwind.stream;

import com.example.northwind.lambda.StreamRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads Lambda's DynamoDB stream event ({@code {"Records": [...]}}) into {@link StreamChange}s, in order. */
public final class StreamEventReader {
    private StreamEventReader() {
    }

    /**
     * @throws IllegalArgumentException naming what is not a DynamoDB stream event
     */
    @SuppressWarnings("unchecked")
    public static List<StreamChange> changes(Map<String, Object> event) {
        Object records = event.get("Records");
        if (!(records instanceof List<?> list)) {
            throw new IllegalArgumentException("the event has no Records list: not a DynamoDB stream event");
        }
        List<StreamChange> out = new ArrayList<>(list.size());
        for (Object r : list) {
            if (!(r instanceof Map<?, ?> record) || !(record.get("dynamodb") instanceof Map<?, ?> change)) {
                throw new IllegalArgumentException("a record has no dynamodb object: not a DynamoDB stream record");
            }
            Map<String, Object> c = (Map<String, Object>) change;
            Object created = c.get("ApproximateCreationDateTime");
            out.add(new StreamChange(String.valueOf(record.get("eventName")), String.valueOf(c.get("SequenceNumber")),
                    StreamRecords.item((Map<String, Object>) c.get("Keys")),
                    c.get("OldImage") == null ? null : StreamRecords.item((Map<String, Object>) c.get("OldImage")),
                    c.get("NewImage") == null ? null : StreamRecords.item((Map<String, Object>) c.get("NewImage")),
                    created instanceof Number n ? n.longValue() : 0L));
        }
        return out;
    }
}
