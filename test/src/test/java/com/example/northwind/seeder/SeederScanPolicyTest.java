package com.example.northwind.seeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.example.northwind.testsupport.LocalDynamo;
import com.example.northwind.testsupport.NorthwindCsv;
import com.example.northwind.testsupport.SynthesizedApp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The seeder's Scan, as it is really sent, against the condition keys of its role's Scan statement as
 * synthesized: an IAM condition the seeder does not satisfy would fail every Update in production only.
 */
class SeederScanPolicyTest {

    @Test
    @SuppressWarnings("unchecked")
    void seedersScan_satisfiesTheKeysOnlyConditionsOfItsRole() {
        // GIVEN the Scan statement of the seeder's role in the synthesized service stack
        var service = SynthesizedApp.defaults().service();
        List<Map<String, Object>> scanStatements = new ArrayList<>();
        service.findResources("AWS::IAM::Policy").values().forEach(p -> ((List<Map<String, Object>>) ((Map<String, Object>)
                ((Map<String, Object>) p.get("Properties")).get("PolicyDocument")).get("Statement")).stream()
                .filter(s -> "dynamodb:Scan".equals(s.get("Action")))
                .forEach(scanStatements::add));
        assertEquals(1, scanStatements.size(), scanStatements.toString());
        Map<String, Map<String, Object>> conditions = (Map<String, Map<String, Object>>) scanStatements.get(0).get("Condition");
        assertEquals(Set.of("StringEquals", "ForAllValues:StringEquals"), conditions.keySet());
        String allowedSelect = (String) conditions.get("StringEquals").get("dynamodb:Select");
        Set<String> allowedAttributes = new TreeSet<>((List<String>) conditions.get("ForAllValues:StringEquals").get("dynamodb:Attributes"));

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

        // THEN every Scan selects SPECIFIC_ATTRIBUTES and projects only attributes the statement allows, which
        // are exactly the table's keys
        assertFalse(scans.isEmpty());
        for (ScanRequest scan : scans) {
            assertEquals(allowedSelect, scan.selectAsString());
            Set<String> projected = new TreeSet<>();
            Arrays.stream(scan.projectionExpression().split(","))
                    .map(String::trim)
                    .map(name -> scan.expressionAttributeNames().getOrDefault(name, name))
                    .forEach(projected::add);
            assertEquals(allowedAttributes, projected);
        }
        assertEquals(Set.of("pk", "sk"), allowedAttributes);
    }
}
