package com.example.northwind.infra;

import static com.example.northwind.infra.TemplateJson.onlyResource;
import static com.example.northwind.infra.TemplateJson.onlyResourceId;
import static com.example.northwind.infra.TemplateJson.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.schema.FunctionContract;
import com.example.northwind.testsupport.SynthesizedApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * The order in which a deploy migrates the live table, as CloudFormation reads it from the templates: the data stack
 * (a new index ACTIVE) before the service stack; in the service stack the expand phase, then the switch of the query
 * and command functions' {@code live} aliases, then the contract phase.
 */
class NorthwindMigrationOrderTest {
    private static SynthesizedApp.Synth synth;
    private static Template service;
    private static String seedId;
    private static String contractId;
    private static String queryAliasId;
    private static String commandAliasId;

    @BeforeAll
    static void synthesize() {
        synth = SynthesizedApp.defaults();
        service = synth.service();
        seedId = onlyResourceId(service, FunctionContract.SEED_RESOURCE_TYPE);
        contractId = onlyResourceId(service, FunctionContract.MIGRATION_CONTRACT_RESOURCE_TYPE);
        queryAliasId = aliasOf(FunctionContract.QUERY_HANDLER);
        commandAliasId = aliasOf(FunctionContract.COMMAND_HANDLER);
    }

    @Test
    void liveAliases_switchOnlyAfterTheExpandPhase() {
        // GIVEN the query and command functions' live aliases / WHEN their DependsOn is read
        // THEN each waits for the seed/expand resource: the new versions serve only once the table holds what they read
        assertTrue(dependsOn(queryAliasId).contains(seedId), queryAliasId + " DependsOn " + dependsOn(queryAliasId));
        assertTrue(dependsOn(commandAliasId).contains(seedId), commandAliasId + " DependsOn " + dependsOn(commandAliasId));
    }

    @Test
    void contractPhase_runsOnlyAfterBothAliasesServeTheNewVersions() {
        // GIVEN the contract resource / WHEN its DependsOn is read
        List<String> after = dependsOn(contractId);

        // THEN it waits for both aliases (no old reader is live when old items go) and for the expand phase
        assertTrue(after.containsAll(List.of(queryAliasId, commandAliasId, seedId)), contractId + " DependsOn " + after);
    }

    @Test
    void expandPhase_doesNotWaitForTheAliasesOrTheContractPhase() {
        // GIVEN the seed/expand resource / WHEN its DependsOn is read
        List<String> after = dependsOn(seedId);

        // THEN nothing of the switch or the contract phase is before it (the chain is expand -> aliases -> contract,
        // not a cycle), and neither are the functions' published versions: a new version is published, unserved,
        // while the expand phase runs
        assertFalse(after.contains(queryAliasId) || after.contains(commandAliasId) || after.contains(contractId), after.toString());
        for (String version : service.findResources("AWS::Lambda::Version").keySet()) {
            assertFalse(dependsOn(version).contains(seedId), version + " waits for the expand phase");
        }
    }

    @Test
    void serviceStack_dependsOnTheDataStack() throws IOException {
        // GIVEN the synthesized app / WHEN the service stack's dependencies are read, in the app and in the cloud
        // assembly's manifest the CDK CLI deploys from
        assertTrue(synth.stacks().service().getDependencies().contains(synth.stacks().data()));
        JsonNode manifest = new ObjectMapper().readTree(synth.assemblyDir().resolve("manifest.json").toFile());
        List<String> dependencies = new ArrayList<>();
        manifest.path("artifacts").path("NorthwindService").path("dependencies").forEach(d -> dependencies.add(d.asText()));

        // THEN the data stack deploys first: an index it adds is ACTIVE (CloudFormation waits for it) before the
        // service stack's expand phase runs, which may write the new index's keys and is read through it afterwards
        assertTrue(dependencies.contains("NorthwindData"), dependencies.toString());
        // AND the data stack does not depend on the service stack
        List<String> dataDependencies = new ArrayList<>();
        manifest.path("artifacts").path("NorthwindData").path("dependencies").forEach(d -> dataDependencies.add(d.asText()));
        assertFalse(dataDependencies.contains("NorthwindService"), dataDependencies.toString());
    }

    @Test
    void outputs_areUnchanged() {
        // GIVEN the service stack / WHEN its outputs are listed / THEN the same five as before the migrations, plus the
        // stream consumer's two (issue #20) and the HTTP API's URL (issue #23)
        assertEquals(java.util.Set.of("QueryFunctionName", "QueryAliasArn", "CommandFunctionName", "CommandAliasArn",
                "SeededItems", "StreamConsumerFunctionName", "StreamFailureQueueUrl", "HttpApiUrl"),
                service.findOutputs("*").keySet());
    }

    private static String aliasOf(String handler) {
        String function = onlyResource(service, "AWS::Lambda::Function", Map.of("Handler", handler)).getKey();
        return onlyResource(service, "AWS::Lambda::Alias", Map.of("FunctionName", ref(function))).getKey();
    }

    private static List<String> dependsOn(String logicalId) {
        Object value = service.toJSON().get("Resources") instanceof Map<?, ?> resources
                && resources.get(logicalId) instanceof Map<?, ?> resource ? resource.get("DependsOn") : null;
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> out.add(String.valueOf(v)));
        } else if (value != null) {
            out.add(String.valueOf(value));
        }
        return out;
    }
}
