package com.example.northwind.benchmark;

import com.example.northwind.schema.TableSchema;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Client and table set-up against the benchmark's DynamoDB Local. */
final class Dynamo {
    static final String REGION = "us-east-1";

    private Dynamo() {
    }

    /** A client like the Lambdas': url-connection-client, explicit region; static credentials for Local. */
    /** The endpoint a client of {@link #client} talks to. */
    static URI endpointOf(DynamoDbClient client) {
        return client.serviceClientConfiguration().endpointOverride()
                .orElseThrow(() -> new IllegalStateException("client has no endpoint override"));
    }

    /** Waits {@code millis} before each HTTP request: a modelled network round trip to DynamoDB. */
    static ExecutionInterceptor delay(int millis) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    static DynamoDbClient client(URI endpoint, ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors)))
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)))
                .build();
    }

    /**
     * The design's table (pk, sk; gsi_1 on (sk, data), projection ALL; on-demand) — the same definition as
     * the test module's LocalDynamo.createTable, which the benchmark cannot depend on (test scope).
     */
    static void createTable(DynamoDbClient dynamo, String name) {
        dynamo.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(TableSchema.PK).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(TableSchema.SK).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(TableSchema.DATA).attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName(TableSchema.PK).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(TableSchema.SK).keyType(KeyType.RANGE).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(TableSchema.GSI_1)
                        .keySchema(
                                KeySchemaElement.builder().attributeName(TableSchema.GSI_1_PARTITION_KEY).keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName(TableSchema.GSI_1_SORT_KEY).keyType(KeyType.RANGE).build())
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build()));
    }

    static void deleteTable(DynamoDbClient dynamo, String name) {
        dynamo.deleteTable(b -> b.tableName(name));
    }
}
