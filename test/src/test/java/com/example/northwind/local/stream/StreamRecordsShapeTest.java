package com.example.northwind.local.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.lambda.StreamRecords;
import com.example.northwind.testsupport.LocalDynamo;
import com.example.northwind.testsupport.ScriptedStreamHandler;
import com.example.northwind.testsupport.StreamMappingHarness;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the function receives is Lambda's DynamoDB stream event, field for field: an item with every attribute type
 * inserted, modified and removed on DynamoDB Local, delivered through the local mapping, compared with the event as the
 * Lambda documentation shows it (written out here by hand).
 */
class StreamRecordsShapeTest {
    @Test
    @SuppressWarnings("unchecked")
    void insertModifyRemove_arriveAsLambdasEventRecords() throws Exception {
        // GIVEN an item with every attribute type, inserted, then modified, then removed
        LocalDynamo ddb = LocalDynamo.start();
        DynamoDbClient dynamo = ddb.dynamo();
        String table = "stream-shape";
        StreamMappingHarness.createTableWithStream(dynamo, table);
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", AttributeValue.fromS("ORDER#10248"));
        item.put("sk", AttributeValue.fromS("ORDER_LINE#11"));
        item.put("quantity", AttributeValue.fromN("12"));
        item.put("blob", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, 3})));
        item.put("shipped", AttributeValue.fromBool(false));
        item.put("nothing", AttributeValue.fromNul(true));
        item.put("tags", AttributeValue.fromSs(List.of("a")));
        item.put("sizes", AttributeValue.fromNs(List.of("1.5")));
        item.put("blobs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {9}))));
        item.put("list", AttributeValue.fromL(List.of(AttributeValue.fromS("x"), AttributeValue.fromN("2"))));
        item.put("map", AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v"))));
        long before = Instant.now().getEpochSecond();
        dynamo.putItem(b -> b.tableName(table).item(item));
        dynamo.updateItem(b -> b.tableName(table).key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))
                .updateExpression("SET quantity = :q").expressionAttributeValues(Map.of(":q", AttributeValue.fromN("13"))));
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
        long after = Instant.now().getEpochSecond();
        ScriptedStreamHandler handler = ScriptedStreamHandler.succeeding();

        // WHEN the local mapping delivers them
        try (StreamMappingHarness mapping = StreamMappingHarness.start(ddb.endpoint(), table,
                StreamMappingHarness.settings(10), handler)) {
            mapping.awaitCaughtUp();
        }
        List<Map<String, Object>> records = new ArrayList<>();
        handler.invocations().forEach(i -> records.addAll(i.records()));

        // THEN three records with Lambda's fields, in Lambda's order
        assertEquals(3, records.size());
        String streamArn = StreamMappingHarness.streamArn(ddb.endpoint(), table);
        Map<String, Object> keys = Map.of("pk", Map.of("S", "ORDER#10248"), "sk", Map.of("S", "ORDER_LINE#11"));
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("pk", Map.of("S", "ORDER#10248"));
        image.put("sk", Map.of("S", "ORDER_LINE#11"));
        image.put("quantity", Map.of("N", "12"));
        image.put("blob", Map.of("B", "AQID"));
        image.put("shipped", Map.of("BOOL", false));
        image.put("nothing", Map.of("NULL", true));
        image.put("tags", Map.of("SS", List.of("a")));
        image.put("sizes", Map.of("NS", List.of("1.5")));
        image.put("blobs", Map.of("BS", List.of("CQ==")));
        image.put("list", Map.of("L", List.of(Map.of("S", "x"), Map.of("N", "2"))));
        image.put("map", Map.of("M", Map.of("k", Map.of("S", "v"))));
        Map<String, Object> modified = new LinkedHashMap<>(image);
        modified.put("quantity", Map.of("N", "13"));
        List<String> names = List.of("INSERT", "MODIFY", "REMOVE");
        for (int i = 0; i < 3; i++) {
            Map<String, Object> record = records.get(i);
            assertEquals(List.of("eventID", "eventName", "eventVersion", "eventSource", "awsRegion", "dynamodb",
                    "eventSourceARN"), new ArrayList<>(record.keySet()));
            assertEquals(names.get(i), record.get("eventName"));
            assertEquals("1.1", record.get("eventVersion"));
            assertEquals("aws:dynamodb", record.get("eventSource"));
            assertEquals(streamArn, record.get("eventSourceARN"));
            Map<String, Object> change = (Map<String, Object>) record.get("dynamodb");
            assertEquals(keys, change.get("Keys"));
            assertEquals("NEW_AND_OLD_IMAGES", change.get("StreamViewType"));
            assertTrue(change.get("SequenceNumber") instanceof String);
            assertTrue(((Number) change.get("SizeBytes")).longValue() > 0);
            // epoch seconds, an integer (DynamoDB Local rounds it down to the minute)
            Object created = change.get("ApproximateCreationDateTime");
            assertTrue(created instanceof Integer || created instanceof Long, String.valueOf(created));
            long seconds = ((Number) created).longValue();
            assertTrue(seconds >= before - 60 && seconds <= after, seconds + " not within [" + before + "-60, " + after + "]");
        }
        Map<String, Object> insert = (Map<String, Object>) records.get(0).get("dynamodb");
        Map<String, Object> modify = (Map<String, Object>) records.get(1).get("dynamodb");
        Map<String, Object> remove = (Map<String, Object>) records.get(2).get("dynamodb");
        assertEquals(List.of("ApproximateCreationDateTime", "Keys", "NewImage", "SequenceNumber", "SizeBytes",
                "StreamViewType"), new ArrayList<>(insert.keySet()));
        assertEquals(image, insert.get("NewImage"));
        assertEquals(List.of("ApproximateCreationDateTime", "Keys", "NewImage", "OldImage", "SequenceNumber", "SizeBytes",
                "StreamViewType"), new ArrayList<>(modify.keySet()));
        assertEquals(image, modify.get("OldImage"));
        assertEquals(modified, modify.get("NewImage"));
        assertEquals(List.of("ApproximateCreationDateTime", "Keys", "OldImage", "SequenceNumber", "SizeBytes",
                "StreamViewType"), new ArrayList<>(remove.keySet()));
        assertEquals(modified, remove.get("OldImage"));

        // AND an image read back from the event is the item that was written
        assertEquals(item, StreamRecords.item((Map<String, Object>) insert.get("NewImage")));
    }

    @Test
    void anImageThatIsNotDynamoDbJson_isRefusedNamingTheAttribute() {
        // GIVEN images whose attributes are not one-key typed values / WHEN read / THEN refused by name
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StreamRecords.item(Map.of("quantity", 12)));
        assertTrue(e.getMessage().contains("quantity"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StreamRecords.item(Map.of("x", Map.of("Q", "1"))));
        assertTrue(e.getMessage().contains("unknown attribute type Q"), e.getMessage());
    }
}
