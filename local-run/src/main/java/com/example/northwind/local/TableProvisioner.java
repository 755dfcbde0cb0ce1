package com.example.northwind.local;

import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import java.util.HashSet;
import java.util.Set;

/**
 * Creates the table when it is missing and waits until it is ACTIVE; an existing table is kept, and gets the
 * indexes of the template it lacks — one at a time, each waited for until ACTIVE, as CloudFormation adds them
 * (a database made by an older version then holds the indexes its migration writes for) — and its stream.
 */
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
            TableDescription existing = dynamo.describeTable(DescribeTableRequest.builder().tableName(request.tableName()).build()).table();
            created = false;
            addMissingIndexes(dynamo, request, existing);
            enableStream(dynamo, request, existing);
        } catch (ResourceNotFoundException e) {
            dynamo.createTable(request);
            created = true;
        }
        // DynamoDB Local is ACTIVE at once; a real endpoint takes seconds.
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(request.tableName()),
                o -> o.waitTimeout(Duration.ofMinutes(2)));
        return created;
    }

    private static void addMissingIndexes(DynamoDbClient dynamo, CreateTableRequest request, TableDescription existing) {
        Set<String> present = new HashSet<>();
        if (existing.hasGlobalSecondaryIndexes()) {
            existing.globalSecondaryIndexes().forEach(i -> present.add(i.indexName()));
        }
        for (GlobalSecondaryIndex index : request.globalSecondaryIndexes()) {
            if (present.contains(index.indexName())) {
                continue;
            }
            dynamo.updateTable(b -> b.tableName(request.tableName()).attributeDefinitions(request.attributeDefinitions())
                    .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(c -> c
                            .indexName(index.indexName()).keySchema(index.keySchema()).projection(index.projection())
                            .provisionedThroughput(index.provisionedThroughput())).build()));
            waitUntilActive(dynamo, request.tableName(), index.indexName());
        }
    }

    /**
     * The template's stream on a table made before it had one (as CloudFormation enables it in place); a stream of
     * another view type is replaced (DynamoDB changes a view type only by disabling the stream and enabling a new one).
     */
    private static void enableStream(DynamoDbClient dynamo, CreateTableRequest request, TableDescription existing) {
        StreamSpecification wanted = request.streamSpecification();
        StreamSpecification present = existing.streamSpecification();
        boolean enabled = present != null && Boolean.TRUE.equals(present.streamEnabled());
        if (wanted == null || (enabled && wanted.streamViewType() == present.streamViewType())) {
            return;
        }
        if (enabled) {
            dynamo.updateTable(b -> b.tableName(request.tableName()).streamSpecification(s -> s.streamEnabled(false)));
        }
        dynamo.updateTable(b -> b.tableName(request.tableName()).streamSpecification(wanted));
    }

    private static void waitUntilActive(DynamoDbClient dynamo, String table, String index) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            TableDescription now = dynamo.describeTable(b -> b.tableName(table)).table();
            boolean active = now.globalSecondaryIndexes().stream()
                    .anyMatch(i -> i.indexName().equals(index) && i.indexStatus() == IndexStatus.ACTIVE);
            if (active) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while index " + index + " was being created", e);
            }
        }
        throw new IllegalStateException("index " + index + " of table " + table + " did not become ACTIVE within 2 minutes");
    }
}
