package com.example.northwind.stream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.northwind.lambda.LambdaEnvironment;
import com.example.northwind.schema.FunctionContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The stream consumer (SKELETON — issue #20 builds it): the event source mapping's event in (Lambda's DynamoDB stream
 * event JSON: {@code {"Records": [{eventID, eventName, dynamodb: {Keys, NewImage, OldImage, SequenceNumber, ...}}]}}),
 * the answer {@code {"batchItemFailures": [{"itemIdentifier": "<SequenceNumber of the first record not done>"}]}} out.
 * A failure that is not a record's (DynamoDB unreachable) is thrown: Lambda counts a function error and retries.
 */
public final class StreamHandler implements RequestStreamHandler {
    private final DynamoDbClient dynamo;
    private final String tableName;

    /** Lambda entry: one client per execution environment, region and table from the environment. */
    public StreamHandler() {
        this(LambdaEnvironment.dynamoDb(LambdaEnvironment.timeouts(java.time.Duration.ofSeconds(5),
                java.time.Duration.ofSeconds(2))), LambdaEnvironment.required(FunctionContract.ENV_TABLE_NAME));
    }

    /** For tests and local runs: an existing client and table. */
    public StreamHandler(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        output.write("{\"batchItemFailures\":[]}".getBytes(StandardCharsets.UTF_8));
        output.flush();
    }
}
