package com.example.northwind.local;

import com.example.northwind.schema.TableIndex;
import com.example.northwind.schema.TableSchema;
import java.util.Arrays;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The design's table (pk, sk; gsi_1 on (sk, data) and gsi_2 on (pk2, sk2), projection ALL; on-demand) for tests and benchmarks,
 * which create many tables and cannot afford a CDK synth each. {@code ./run-local.sh} does not use it: it
 * creates the table from the synthesized template ({@link TemplateTable}), and a test checks that both
 * give the same request, so what the tests run on is what deploys.
 */
public final class DesignTable {
    private DesignTable() {
    }

    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder().tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        stringAttribute(TableSchema.PK), stringAttribute(TableSchema.SK), stringAttribute(TableSchema.DATA),
                        stringAttribute(TableSchema.PK2), stringAttribute(TableSchema.SK2))
                .keySchema(key(TableSchema.PK, KeyType.HASH), key(TableSchema.SK, KeyType.RANGE))
                .globalSecondaryIndexes(Arrays.stream(TableIndex.values()).map(index -> GlobalSecondaryIndex.builder()
                        .indexName(index.indexName())
                        .keySchema(key(index.partitionKey(), KeyType.HASH), key(index.sortKey(), KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build()).toList())
                .build();
    }

    public static void create(DynamoDbClient dynamo, String tableName) {
        dynamo.createTable(createTableRequest(tableName));
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
