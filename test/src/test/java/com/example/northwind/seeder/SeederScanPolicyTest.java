package com.example.northwind.seeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.testsupport.LocalDynamo;
import com.example.northwind.testsupport.NorthwindCsv;
import com.example.northwind.testsupport.SynthesizedApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The seed's Scan, as it is really sent, against its role's Scan statement as synthesized: an IAM statement the
 * seeder does not satisfy would fail every deploy in production only. The seed (onEvent) may Scan keys only; the
 * migration (isComplete, its own role) reads whole items. Both on the table only: a Scan of an index is refused.
 */
class SeederScanPolicyTest {

    @Test
    @SuppressWarnings("unchecked")
    void seedersScan_readsTheTableThatItsRolesMayScan_neverAnIndex() {
        // GIVEN the statements allowing dynamodb:Scan in the synthesized service stack
        var service = SynthesizedApp.defaults().service();
        List<Map<String, Object>> scanStatements = new ArrayList<>();
        service.findResources("AWS::IAM::Policy").values().forEach(p -> ((List<Map<String, Object>>) ((Map<String, Object>)
                ((Map<String, Object>) p.get("Properties")).get("PolicyDocument")).get("Statement")).stream()
                .filter(s -> String.valueOf(s.get("Action")).contains("dynamodb:Scan"))
                .forEach(scanStatements::add));
        // one per seeder role, on the table's ARN alone (a single value, no index): the seed's keys-only, the migration's not
        assertEquals(2, scanStatements.size(), scanStatements.toString());
        for (Map<String, Object> statement : scanStatements) {
            assertFalse(statement.get("Resource") instanceof List<?>, statement.toString());
            assertFalse(statement.get("Resource").toString().contains("index"), statement.toString());
        }
        Map<String, Object> seedScan = scanStatements.stream().filter(st -> st.get("Condition") != null).findFirst().orElseThrow();
        assertEquals(Map.of("StringEquals", Map.of("dynamodb:Select", "SPECIFIC_ATTRIBUTES"),
                "ForAllValues:StringEquals", Map.of("dynamodb:Attributes", List.of("pk", "sk"))), seedScan.get("Condition"));
        assertEquals(1, scanStatements.stream().filter(st -> st.get("Condition") == null).count());

        // WHEN the seeder seeds a table through DynamoDB Local, its Scan requests recorded as sent
        List<ScanRequest> scans = new ArrayList<>();
        try (LocalDynamo local = LocalDynamo.start()) {
            String table = local.createTable();
            new NorthwindSeeder(local.client(new ExecutionInterceptor() {
                @Override
                public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                    if (context.request() instanceof ScanRequest scan) {
                        scans.add(scan);
                    }
                }
            }), table, SeedOptions.defaults()).seed(NorthwindCsv.dir());
        }

        // AND the seed handler plans a deploy (whether the table already holds data: its other Scan)
        try (LocalDynamo local = LocalDynamo.start()) {
            String table = local.createTable();
            new Evolution(local.client(new ExecutionInterceptor() {
                @Override
                public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                    if (context.request() instanceof ScanRequest scan) {
                        scans.add(scan);
                    }
                }
            }), table, System::currentTimeMillis).plan(com.example.northwind.model.Migration.Phase.EXPAND);
        }

        // THEN every Scan reads the table itself, never an index, asking for the keys only — what the statement allows
        assertFalse(scans.isEmpty());
        for (ScanRequest scan : scans) {
            assertNull(scan.indexName(), scan.toString());
            assertEquals(software.amazon.awssdk.services.dynamodb.model.Select.SPECIFIC_ATTRIBUTES, scan.select(), scan.toString());
            java.util.Set<String> projected = new java.util.HashSet<>();
            for (String part : scan.projectionExpression().split(",")) {
                String name = part.trim();
                projected.add(scan.hasExpressionAttributeNames() ? scan.expressionAttributeNames().getOrDefault(name, name) : name);
            }
            assertTrue(java.util.Set.of("pk", "sk").containsAll(projected), scan.toString());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void seedHandlersGetItems_readOnlyThePartitionsItsRoleMayRead() {
        // GIVEN the onEvent role's GetItem statement as synthesized: conditioned on dynamodb:LeadingKeys
        var service = SynthesizedApp.defaults().service();
        List<Map<String, Object>> getItemStatements = new ArrayList<>();
        service.findResources("AWS::IAM::Policy").values().forEach(p -> ((List<Map<String, Object>>) ((Map<String, Object>)
                ((Map<String, Object>) p.get("Properties")).get("PolicyDocument")).get("Statement")).stream()
                .filter(s -> "dynamodb:GetItem".equals(s.get("Action")) && s.get("Condition") != null)
                .forEach(getItemStatements::add));
        assertEquals(1, getItemStatements.size(), getItemStatements.toString());
        List<String> leadingKeys = (List<String>) ((Map<String, Object>) ((Map<String, Object>) getItemStatements.get(0)
                .get("Condition")).get("ForAllValues:StringEquals")).get("dynamodb:LeadingKeys");

        // WHEN the onEvent handler seeds a new table (a first seed, stopped by its budget and then continued by a second
        // Create: a redeploy after a failed one), its GetItem requests recorded as sent
        List<String> partitions = new ArrayList<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.GetItemRequest get) {
                    partitions.add(get.key().get("pk").s());
                }
            }
        };
        try (LocalDynamo local = LocalDynamo.start()) {
            String table = local.createTable();
            java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
            Map<String, Object> event = new java.util.LinkedHashMap<>(Map.of("RequestType", "Create", "RequestId", "r1",
                    "ResourceProperties", Map.of("Phase", "expand", "TableName", table,
                            "DataChecksum", com.example.northwind.schema.NorthwindData.checksum(NorthwindCsv.dir()))));
            Map<String, Object> first = new SeederHandler(local.client(recorder), table, NorthwindCsv.dir(),
                    SeedOptions.builder().timeBudget(java.time.Duration.ofMillis(80)).clockMillis(clock::incrementAndGet)
                            .build()).handleRequest(event, null);
            assertEquals("false", ((Map<?, ?>) first.get("Data")).get("Complete"));
            event.put("RequestId", "r2");
            Map<String, Object> second = new SeederHandler(local.client(recorder), table, NorthwindCsv.dir(),
                    SeedOptions.defaults()).handleRequest(event, null);
            assertEquals("true", ((Map<?, ?>) second.get("Data")).get("Complete"));
        }

        // THEN it read the seed record, the counter and the progress item, and nothing the statement does not allow
        assertEquals(java.util.Set.of("_SEED", "_COUNTER#ORDER_ID", "_SEED_PROGRESS"), java.util.Set.copyOf(partitions));
        assertTrue(leadingKeys.containsAll(partitions), partitions + " vs " + leadingKeys);
    }
}
