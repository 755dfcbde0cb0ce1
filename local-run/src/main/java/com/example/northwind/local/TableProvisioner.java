package com.example.northwind.local;

import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Creates the table when it is missing and waits until it is ACTIVE; an existing table is kept (and reseeded). */
public final class TableProvisioner {
    private TableProvisioner() {
    }

    /** @return true when the table was created, false when it existed already */
    public static boolean ensureTable(DynamoDbClient dynamo, CreateTableRequest request) {
        try {
            return createIfMissing(dynamo, request);
        } catch (SdkClientException e) {
            throw new IllegalStateException("Cannot reach DynamoDB at "
                    + dynamo.serviceClientConfiguration().endpointOverride().map(Object::toString).orElse("its endpoint")
                    + ": " + e.getMessage() + " (is it running? check --ddb-endpoint)", e);
        }
    }

    private static boolean createIfMissing(DynamoDbClient dynamo, CreateTableRequest request) {
        boolean created;
        try {
            dynamo.describeTable(DescribeTableRequest.builder().tableName(request.tableName()).build());
            created = false;
        } catch (ResourceNotFoundException e) {
            dynamo.createTable(request);
            created = true;
        }
        // DynamoDB Local is ACTIVE at once; a real endpoint takes seconds.
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(request.tableName()),
                o -> o.waitTimeout(Duration.ofMinutes(2)));
        return created;
    }
}
