package com.example.northwind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.testsupport.LocalDynamo;
import com.example.northwind.testsupport.SynthesizedApp;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * A database made before the table had its stream ({@code --db-path} of an earlier version) gets the template's stream
 * on start, in place, as CloudFormation enables it on the deployed table: the items stay, the stream starts.
 */
class TableStreamProvisioningTest {
    @Test
    void anExistingTableWithoutAStream_getsTheTemplatesStream_andKeepsIt() {
        // GIVEN a table as an earlier version made it: the design's keys and indexes, no stream, one item
        DynamoDbClient dynamo = LocalDynamo.start().dynamo();
        String table = "before-the-stream";
        CreateTableRequest template = templateRequest(table);
        dynamo.createTable(template.toBuilder().streamSpecification((StreamSpecification) null).build());
        dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("ORDER#1"),
                "sk", AttributeValue.fromS("ORDER"))));
        assertNull(describe(dynamo, table).latestStreamArn());

        // WHEN the local run provisions the table from the template
        boolean created = TableProvisioner.ensureTable(dynamo, template);

        // THEN the table was kept (not created), and streams both images from now on; its item is still there
        assertFalse(created);
        TableDescription now = describe(dynamo, table);
        assertTrue(now.streamSpecification().streamEnabled());
        assertEquals(StreamViewType.NEW_AND_OLD_IMAGES, now.streamSpecification().streamViewType());
        assertEquals(1, dynamo.scan(b -> b.tableName(table)).count());

        // AND provisioning again leaves the stream as it is (same stream, nothing re-enabled)
        String arn = now.latestStreamArn();
        TableProvisioner.ensureTable(dynamo, template);
        assertEquals(arn, describe(dynamo, table).latestStreamArn());
    }

    @Test
    void aStreamOfAnotherViewType_isReplacedByTheTemplates() {
        // GIVEN a table streaming keys only
        DynamoDbClient dynamo = LocalDynamo.start().dynamo();
        String table = "keys-only-stream";
        CreateTableRequest template = templateRequest(table);
        dynamo.createTable(template.toBuilder().streamSpecification(s -> s.streamEnabled(true)
                .streamViewType(StreamViewType.KEYS_ONLY)).build());
        String before = describe(dynamo, table).latestStreamArn();

        // WHEN provisioned from the template / THEN a new stream of both images replaces it
        TableProvisioner.ensureTable(dynamo, template);
        TableDescription now = describe(dynamo, table);
        assertEquals(StreamViewType.NEW_AND_OLD_IMAGES, now.streamSpecification().streamViewType());
        assertNotEquals(before, now.latestStreamArn());
    }

    private static CreateTableRequest templateRequest(String table) {
        CloudAssembly assembly = CloudAssembly.read(SynthesizedApp.defaults().assemblyDir());
        return TemplateTable.createTableRequest(assembly.onlyResource(SeedEventFactory.DATA_STACK,
                SeedEventFactory.TABLE_RESOURCE_TYPE).properties(), table);
    }

    private static TableDescription describe(DynamoDbClient dynamo, String table) {
        return dynamo.describeTable(b -> b.tableName(table)).table();
    }
}
