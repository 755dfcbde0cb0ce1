package com.example.northwind.seeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

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
 * The seeder's Scan, as it is really sent, against its roles' Scan statement as synthesized: an IAM statement the
 * seeder does not satisfy would fail every Update in production only. The statement allows a whole-item Scan (a
 * migration reads whole items), on the table only: a Scan of an index would be refused.
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
        // one per seeder role (onEvent, isComplete), unconditioned, on the table's ARN alone (a single value, no index)
        assertEquals(2, scanStatements.size(), scanStatements.toString());
        for (Map<String, Object> statement : scanStatements) {
            assertNull(statement.get("Condition"), statement.toString());
            assertFalse(statement.get("Resource") instanceof List<?>, statement.toString());
            assertFalse(statement.get("Resource").toString().contains("index"), statement.toString());
        }

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

        // THEN every Scan reads the table itself, never an index
        assertFalse(scans.isEmpty());
        for (ScanRequest scan : scans) {
            assertNull(scan.indexName(), scan.toString());
        }
    }
}
