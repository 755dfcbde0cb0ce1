package com.example.northwind.infra;

import com.example.northwind.schema.TableSchema;

import com.example.northwind.testsupport.SynthesizedApp;

import static com.example.northwind.infra.TemplateJson.getAtt;
import static com.example.northwind.infra.TemplateJson.onlyResourceId;
import static com.example.northwind.infra.TemplateJson.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The data stack and its table, against docs/key-design.md. Expected names are literals here (not read
 * from TableSchema), so a rename in the shared schema shows up as a failing test, not a silent change.
 */
class NorthwindDataStackTest {
    private static final String TABLE = "AWS::DynamoDB::Table";

    private static Map<String, Object> attribute(String name) {
        return Map.of("AttributeName", name, "AttributeType", "S");
    }

    private static Map<String, Object> key(String name, String type) {
        return Map.of("AttributeName", name, "KeyType", type);
    }

    @Test
    void table_isOnDemandWithPkSkKeysAndOnlyStringKeyAttributes() {
        // GIVEN the app synthesized without context
        Template data = SynthesizedApp.defaults().data();

        // WHEN / THEN the one table is on-demand, keyed (pk, sk), and defines exactly the key attributes as S
        data.resourceCountIs(TABLE, 1);
        data.hasResourceProperties(TABLE, Map.of(
                "BillingMode", "PAY_PER_REQUEST",
                "KeySchema", Match.exact(List.of(key("pk", "HASH"), key("sk", "RANGE"))),
                "AttributeDefinitions", Match.exact(List.of(attribute("pk"), attribute("sk"), attribute("data"),
                        attribute("pk2"), attribute("sk2")))));
    }

    @Test
    void table_hasGsi1OnSkAndDataAndGsi2OnPk2AndSk2ProjectingAll() {
        // GIVEN the app synthesized without context
        Template data = SynthesizedApp.defaults().data();

        // WHEN / THEN there are exactly two indexes, gsi_1 keyed (sk, data) and gsi_2 keyed (pk2, sk2), both
        // projecting every attribute (answers are whole entities)
        data.hasResourceProperties(TABLE, Map.of("GlobalSecondaryIndexes", Match.exact(List.of(
                Map.of("IndexName", "gsi_1",
                        "KeySchema", List.of(key("sk", "HASH"), key("data", "RANGE")),
                        "Projection", Map.of("ProjectionType", "ALL")),
                Map.of("IndexName", "gsi_2",
                        "KeySchema", List.of(key("pk2", "HASH"), key("sk2", "RANGE")),
                        "Projection", Map.of("ProjectionType", "ALL"))))));
    }

    @Test
    void table_expiresItemsByTheirTtlAttribute() {
        // GIVEN the app synthesized without context
        Template data = SynthesizedApp.defaults().data();

        // WHEN / THEN DynamoDB's TTL is on, on the attribute the command Lambda's idempotency records carry
        data.hasResourceProperties(TABLE, Map.of("TimeToLiveSpecification",
                Match.objectEquals(Map.of("AttributeName", TableSchema.TTL, "Enabled", true))));
        assertEquals("ttl", TableSchema.TTL);
    }

    @Test
    void table_hasPointInTimeRecovery() {
        // GIVEN the app synthesized without context
        Template data = SynthesizedApp.defaults().data();

        // WHEN / THEN point-in-time recovery is enabled (the non-deprecated specification property)
        data.hasResourceProperties(TABLE, Map.of("PointInTimeRecoverySpecification",
                Match.objectEquals(Map.of("PointInTimeRecoveryEnabled", true))));
    }

    @Test
    void table_isRetainedAndProtected_byDefault() {
        // GIVEN the app synthesized without context
        SynthesizedApp.Synth synth = SynthesizedApp.defaults();

        // WHEN / THEN the table survives stack deletion and replacement, and cannot be deleted
        synth.data().hasResource(TABLE, Map.of(
                "DeletionPolicy", "Retain",
                "UpdateReplacePolicy", "Retain",
                "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", true))));
        // AND the stack itself is termination-protected
        assertEquals(Boolean.TRUE, synth.stacks().data().getTerminationProtection());
    }

    @Test
    void table_isDestroyable_inSandbox() {
        // GIVEN the app synthesized with -c sandbox=true
        SynthesizedApp.Synth synth = SynthesizedApp.sandbox();

        // WHEN / THEN the table goes with its stack and is not deletion-protected
        synth.data().hasResource(TABLE, Map.of(
                "DeletionPolicy", "Delete",
                "UpdateReplacePolicy", "Delete",
                "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", false))));
        // AND the stack is not termination-protected
        assertEquals(Boolean.FALSE, synth.stacks().data().getTerminationProtection());
    }

    @Test
    void dataStack_outputsTableNameAndArn() {
        // GIVEN the app synthesized without context
        Template data = SynthesizedApp.defaults().data();
        String table = onlyResourceId(data, TABLE);

        // WHEN / THEN TableName and TableArn are outputs of the table itself
        data.hasOutput("TableName", Match.objectEquals(Map.of("Value", ref(table))));
        data.hasOutput("TableArn", Match.objectEquals(Map.of("Value", getAtt(table, "Arn"))));
    }

    @Test
    void dataStack_holdsOnlyTheTable() {
        // GIVEN the app synthesized without context
        Template data = SynthesizedApp.defaults().data();

        // WHEN collecting the resource types of the stateful stack
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> resources = (Map<String, Map<String, Object>>) data.toJSON().get("Resources");
        Set<String> types = resources.values().stream().map(r -> (String) r.get("Type"))
                .filter(type -> !type.equals("AWS::CDK::Metadata"))
                .collect(Collectors.toSet());

        // THEN it is the table alone, so the service stack can change without touching data
        assertEquals(Set.of(TABLE), types);
    }

    @Test
    void serviceStack_dependsOnDataStack() {
        // GIVEN the app synthesized without context
        NorthwindApp.Stacks stacks = SynthesizedApp.defaults().stacks();

        // WHEN / THEN the service stack deploys after the data stack, never the other way round
        assertTrue(stacks.service().getDependencies().contains(stacks.data()));
        assertFalse(stacks.data().getDependencies().contains(stacks.service()));
    }
}
