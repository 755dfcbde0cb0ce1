package com.example.northwind.benchmark.floor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The cold-start floor: the least a Java Lambda that reads DynamoDB must do — build a DynamoDbClient
 * (url-connection-client, explicit region, endpoint and credentials from the environment like any Lambda) and
 * do one GetItem. The query Lambda's cold start is compared against this.
 */
public final class FloorHandler implements RequestStreamHandler {
    private final DynamoDbClient dynamo = DynamoDbClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.of(System.getenv("AWS_REGION")))
            .build();
    private final String table = System.getenv("TABLE_NAME");

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        GetItemResponse r = dynamo.getItem(b -> b.tableName(table).key(Map.of(
                "pk", AttributeValue.fromS("EMPLOYEE#5"), "sk", AttributeValue.fromS("EMPLOYEE"))));
        output.write(("{\"found\":" + r.hasItem() + "}").getBytes(StandardCharsets.UTF_8));
    }
}
