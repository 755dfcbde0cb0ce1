package com.example.northwind.benchmark;

import com.example.northwind.local.DesignTable;
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

    /** The design's table, as the tests create it (see DesignTable). */
    static void createTable(DynamoDbClient dynamo, String name) {
        DesignTable.create(dynamo, name);
    }

    static void deleteTable(DynamoDbClient dynamo, String name) {
        dynamo.deleteTable(b -> b.tableName(name));
    }
}
