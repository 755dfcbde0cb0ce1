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
}
