package com.example.northwind.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/**
 * Turns the {@code AWS::DynamoDB::Table} of a synthesized template into a CreateTableRequest, so the local
 * table is the table that deploys: key schema, attribute definitions, indexes and projections are read,
 * never restated. Properties DynamoDB Local cannot honour (point-in-time recovery, encryption, deletion
 * protection, tags) are left out: they change nothing a query sees.
 */
public final class TemplateTable {
    private TemplateTable() {
    }

    public static CreateTableRequest createTableRequest(Map<String, Object> properties, String tableName) {
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .attributeDefinitions(list(properties, "AttributeDefinitions").stream()
                        .map(d -> AttributeDefinition.builder()
                                .attributeName(string(d, "AttributeName"))
                                .attributeType(string(d, "AttributeType")).build())
                        .toList())
                .keySchema(keySchema(properties, "table"));
        String billing = properties.get("BillingMode") == null ? "PROVISIONED" : String.valueOf(properties.get("BillingMode"));
        request.billingMode(BillingMode.fromValue(billing));
        if (properties.get("ProvisionedThroughput") != null) {
            request.provisionedThroughput(throughput(properties.get("ProvisionedThroughput")));
        }
        List<GlobalSecondaryIndex> gsis = new ArrayList<>();
        for (Map<String, Object> index : list(properties, "GlobalSecondaryIndexes")) {
            GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder()
                    .indexName(string(index, "IndexName"))
                    .keySchema(keySchema(index, string(index, "IndexName")))
                    .projection(projection(index));
            if (index.get("ProvisionedThroughput") != null) {
                gsi.provisionedThroughput(throughput(index.get("ProvisionedThroughput")));
            }
            gsis.add(gsi.build());
        }
        if (!gsis.isEmpty()) {
            request.globalSecondaryIndexes(gsis);
        }
        List<LocalSecondaryIndex> lsis = list(properties, "LocalSecondaryIndexes").stream()
                .map(index -> LocalSecondaryIndex.builder()
                        .indexName(string(index, "IndexName"))
                        .keySchema(keySchema(index, string(index, "IndexName")))
                        .projection(projection(index)).build())
                .toList();
        if (!lsis.isEmpty()) {
            request.localSecondaryIndexes(lsis);
        }
        Map<String, Object> stream = CloudAssembly.map(properties.get("StreamSpecification"), "StreamSpecification");
        if (stream != null) {
            request.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(string(stream, "StreamViewType")).build());
        }
        return request.build();
    }

    private static List<KeySchemaElement> keySchema(Map<String, Object> owner, String what) {
        List<Map<String, Object>> elements = list(owner, "KeySchema");
        if (elements.isEmpty()) {
            throw new IllegalStateException("The template's table has no KeySchema for " + what + ".");
        }
        return elements.stream().map(k -> KeySchemaElement.builder()
                .attributeName(string(k, "AttributeName"))
                .keyType(string(k, "KeyType")).build()).toList();
    }

    private static Projection projection(Map<String, Object> index) {
        Map<String, Object> projection = CloudAssembly.map(index.get("Projection"), "Projection");
        if (projection == null) {
            throw new IllegalStateException("Index " + index.get("IndexName") + " has no Projection in the template.");
        }
        Projection.Builder builder = Projection.builder().projectionType(string(projection, "ProjectionType"));
        if (projection.get("NonKeyAttributes") instanceof List<?> attributes) {
            builder.nonKeyAttributes(attributes.stream().map(String::valueOf).toList());
        }
        return builder.build();
    }

    private static ProvisionedThroughput throughput(Object value) {
        Map<String, Object> t = CloudAssembly.map(value, "ProvisionedThroughput");
        return ProvisionedThroughput.builder()
                .readCapacityUnits(Long.parseLong(string(t, "ReadCapacityUnits")))
                .writeCapacityUnits(Long.parseLong(string(t, "WriteCapacityUnits"))).build();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> owner, String key) {
        Object value = owner.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            throw new IllegalStateException("Malformed table in template: " + key + " is not a list.");
        }
        return items.stream().map(i -> CloudAssembly.map(i, key)).map(m -> (Map<String, Object>) m).toList();
    }

    private static String string(Map<String, Object> owner, String key) {
        Object value = owner.get(key);
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new IllegalStateException("The table's " + key + " in the template is computed at deploy time ("
                    + value + "); a local run needs a literal value.");
        }
        if (value == null) {
            throw new IllegalStateException("The table in the template has no " + key + ".");
        }
        return String.valueOf(value);
    }
}
