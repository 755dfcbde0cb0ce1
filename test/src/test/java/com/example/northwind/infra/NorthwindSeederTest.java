package com.example.northwind.infra;

import com.example.northwind.testsupport.SynthesizedApp;

import static com.example.northwind.infra.TemplateJson.asList;
import static com.example.northwind.infra.TemplateJson.dataStackOutputReference;
import static com.example.northwind.infra.TemplateJson.getAtt;
import static com.example.northwind.infra.TemplateJson.onlyResource;
import static com.example.northwind.infra.TemplateJson.onlyResourceId;
import static com.example.northwind.infra.TemplateJson.properties;
import static com.example.northwind.infra.TemplateJson.ref;
import static com.example.northwind.infra.TemplateJson.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.schema.NorthwindData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The seeding and contract custom resources of the service stack: the onEvent and isComplete functions, data layer,
 * the Provider framework in its isComplete mode (waiter state machine) and permissions.
 */
class NorthwindSeederTest {
    private static final String FUNCTION = "AWS::Lambda::Function";
    private static final String SEEDER_HANDLER = "com.example.northwind.seeder.SeederHandler::handleRequest";
    private static final String SEEDER_IS_COMPLETE_HANDLER = "com.example.northwind.seeder.SeederHandler::isComplete";

    private static SynthesizedApp.Synth synth;
    private static Template service;
    private static String seederId;
    private static Map<String, Object> seeder;
    private static String tableId;

    @BeforeAll
    static void synthesize() {
        synth = SynthesizedApp.defaults();
        service = synth.service();
        var function = onlyResource(service, FUNCTION, Map.of("Handler", SEEDER_HANDLER));
        seederId = function.getKey();
        seeder = properties(function.getValue());
        tableId = onlyResourceId(synth.data(), "AWS::DynamoDB::Table");
    }

    @Test
    void seederFunction_runsJava21OnArm64WithRoomToSeed() {
        // GIVEN the seeder function / WHEN its configuration is read
        // THEN java21 on arm64, 1024 MB (more vCPU for start-up and parallel writes), 5 minutes
        assertEquals("java21", seeder.get("Runtime"));
        assertEquals(List.of("arm64"), seeder.get("Architectures"));
        assertEquals(1024, ((Number) seeder.get("MemorySize")).intValue());
        assertEquals(300, ((Number) seeder.get("Timeout")).intValue());
    }

    @Test
    void seederFunction_getsTableDataDirAndTimeBudget() {
        // GIVEN the seeder function / WHEN its environment is read
        // THEN exactly: the data stack's table name, the layer mount, and a budget below the 300 s timeout
        assertEquals(Map.of("Variables", Map.of(
                        "TABLE_NAME", dataStackOutputReference(synth.data(), ref(tableId)),
                        "NORTHWIND_DATA_DIR", "/opt",
                        "SEED_TIME_BUDGET_SECONDS", "240",
                        "POWERTOOLS_SERVICE_NAME", "northwind")),
                seeder.get("Environment"));
    }

    @Test
    void dataLayer_isAttachedAndBuiltForJava21Arm64() {
        // GIVEN the service stack / WHEN the layer is looked up
        String layerId = onlyResourceId(service, "AWS::Lambda::LayerVersion");
        service.hasResourceProperties("AWS::Lambda::LayerVersion", Map.of(
                "CompatibleRuntimes", Match.exact(List.of("java21")),
                "CompatibleArchitectures", Match.exact(List.of("arm64"))));

        // THEN the seeder's onEvent function mounts it (isCompleteFunction_runsTheSeederCodeWithItsEnvironmentAndData)
        assertEquals(List.of(ref(layerId)), seeder.get("Layers"));
    }

    @Test
    void dataLayer_containsExactlyTheCsvs() throws IOException {
        // GIVEN the CSV names of the data folder, listed here independently of the code under test
        Path dataDir = NorthwindData.locate();
        Set<String> csvs;
        try (Stream<Path> files = Files.list(dataDir)) {
            csvs = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).collect(Collectors.toSet());
        }
        assertFalse(csvs.isEmpty(), "no CSV in " + dataDir);

        // WHEN the staged layer asset is listed
        var layer = service.findResources("AWS::Lambda::LayerVersion").values().iterator().next();
        @SuppressWarnings("unchecked")
        String assetPath = (String) ((Map<String, Object>) layer.get("Metadata")).get("aws:asset:path");
        Set<String> staged;
        try (Stream<Path> files = Files.list(Path.of(synth.app().getOutdir(), assetPath))) {
            staged = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }

        // THEN it is the CSVs, without README.md or SHA256SUMS
        assertEquals(csvs, staged);
    }

    @Test
    void customResource_carriesPhaseDataChecksumItemModelVersionAndTableName() {
        // GIVEN the service stack / WHEN the seeding resource is read
        // THEN its type is Custom::NorthwindSeed, it runs the expand phase, and its properties change exactly when
        // data, model or table change (a replaced table gets a new name, so it is seeded too)
        service.resourceCountIs("Custom::NorthwindSeed", 1);
        service.hasResourceProperties("Custom::NorthwindSeed", Match.objectEquals(Map.of(
                "ServiceToken", getAtt(providerFunctionId(), "Arn"),
                "Phase", "expand",
                "DataChecksum", NorthwindData.checksum(NorthwindData.locate()),
                "ItemModelVersion", com.example.northwind.model.ModelVersion.current(),
                "TableName", dataStackOutputReference(synth.data(), ref(tableId)))));
    }

    @Test
    void contractResource_carriesPhaseItemModelVersionAndTableName_onTheSameProvider() {
        // GIVEN the service stack / WHEN the migration's contract resource is read
        // THEN one Custom::NorthwindMigrationContract, served by the seeder's provider, Phase contract, re-run exactly
        // when the item model or the table changes (not on a data change: contracting is about the model)
        service.resourceCountIs("Custom::NorthwindMigrationContract", 1);
        service.hasResourceProperties("Custom::NorthwindMigrationContract", Match.objectEquals(Map.of(
                "ServiceToken", getAtt(providerFunctionId(), "Arn"),
                "Phase", "contract",
                "ItemModelVersion", com.example.northwind.model.ModelVersion.current(),
                "TableName", dataStackOutputReference(synth.data(), ref(tableId)))));
    }

    @Test
    void isCompleteFunction_runsTheSeederCodeWithItsEnvironmentAndData() {
        // GIVEN the seeder's isComplete function
        Map<String, Object> isComplete = properties(onlyResource(service, FUNCTION,
                Map.of("Handler", SEEDER_IS_COMPLETE_HANDLER)).getValue());

        // WHEN / THEN the same code asset, data layer, environment, runtime, memory and timeout as onEvent
        for (String property : List.of("Code", "Layers", "Environment", "Runtime", "Architectures", "MemorySize", "Timeout")) {
            assertEquals(seeder.get(property), isComplete.get(property), property);
        }
        // AND a log group and a role of its own (each role writes only its own function's log group)
        assertNotEquals(seeder.get("LoggingConfig"), isComplete.get("LoggingConfig"));
        assertNotEquals(roleOf(seeder), roleOf(isComplete));
        assertLogGroupWithRetention(isComplete);
    }

    @Test
    void provider_pollsIsCompleteEvery30SecondsForAtMostOneHour() {
        // GIVEN the provider framework function (the custom resources' service token)
        Map<String, Object> provider = properties(service.findResources(FUNCTION).get(providerFunctionId()));
        String waiterId = onlyResourceId(service, "AWS::StepFunctions::StateMachine");

        // WHEN / THEN it forwards events to the seeder's onEvent and starts the waiter for its isComplete
        assertEquals(Map.of("Variables", Map.of(
                        "USER_ON_EVENT_FUNCTION_ARN", getAtt(seederId, "Arn"),
                        "USER_IS_COMPLETE_FUNCTION_ARN", getAtt(isCompleteId(), "Arn"),
                        "WAITER_STATE_MACHINE_ARN", ref(waiterId))),
                provider.get("Environment"));
        // AND the framework's isComplete and onTimeout functions exist
        onlyResource(service, FUNCTION, Map.of("Handler", "framework.isComplete"));
        onlyResource(service, FUNCTION, Map.of("Handler", "framework.onTimeout"));
        // AND the waiter retries isComplete every 30 s, 120 times (one hour), then runs onTimeout
        String definition = String.join("", strings(properties(service.findResources("AWS::StepFunctions::StateMachine")
                .get(waiterId)).get("DefinitionString")));
        assertTrue(definition.contains("\"IntervalSeconds\":30,\"MaxAttempts\":120,\"BackoffRate\":1"), definition);
        assertTrue(definition.contains("\"Next\":\"framework-onTimeout-task\""), definition);
        // AND the framework functions log to a group with a retention
        assertLogGroupWithRetention(provider);
    }

    @Test
    @SuppressWarnings("unchecked")
    void waiter_logsEveryTransitionWithoutExecutionData() {
        // GIVEN the Provider's waiter state machine / WHEN its logging configuration is read
        Map<String, Object> waiter = properties(service.findResources("AWS::StepFunctions::StateMachine").values()
                .iterator().next());
        Map<String, Object> logging = (Map<String, Object>) waiter.get("LoggingConfiguration");

        // THEN level ALL (each poll is visible), no execution data (the event's presigned ResponseURL stays out of
        // the logs), into a log group of its own with a one-year retention
        assertEquals("ALL", logging.get("Level"));
        assertEquals(false, logging.get("IncludeExecutionData"));
        Map<String, Object> arn = (Map<String, Object>) ((Map<String, Object>) ((List<Map<String, Object>>)
                logging.get("Destinations")).get(0).get("CloudWatchLogsLogGroup")).get("LogGroupArn");
        String logGroupId = (String) ((List<Object>) arn.get("Fn::GetAtt")).get(0);
        Map<String, Object> group = service.findResources("AWS::Logs::LogGroup").get(logGroupId);
        assertEquals(Map.of("RetentionInDays", 365), group.get("Properties"));
    }

    @Test
    void seederFunction_logsToGroupWithRetention() {
        // GIVEN the seeder function / WHEN its log configuration is read / THEN a one-year, destroyable group
        assertLogGroupWithRetention(seeder);
    }

    @Test
    void seederRoles_theSeedReadsKeysOnly_onlyIsCompleteRewritesWholeItems_andBothBatchWriteTheSeed() {
        Object tableArn = dataStackOutputReference(synth.data(), getAtt(tableId, "Arn"));
        // GIVEN the policies attached to the role of the seeder's onEvent function (the seed)
        String seedRole = roleOf(seeder);
        List<Map<String, Object>> seed = statementsOfRole(service, seedRole);
        // WHEN / THEN on the table ARN only (no index, no management): BatchWriteItem, a Scan that may return keys
        // only, GetItem of the seed record, the order-id counter and the seed's progress item only, and log writes to
        // its own group
        assertEquals(Set.of(
                Map.of("Action", "dynamodb:BatchWriteItem", "Effect", "Allow", "Resource", tableArn),
                Map.of("Action", "dynamodb:Scan", "Effect", "Allow", "Resource", tableArn,
                        "Condition", Map.of(
                                "StringEquals", Map.of("dynamodb:Select", "SPECIFIC_ATTRIBUTES"),
                                "ForAllValues:StringEquals", Map.of("dynamodb:Attributes", List.of("pk", "sk")))),
                Map.of("Action", "dynamodb:GetItem", "Effect", "Allow", "Resource", tableArn,
                        "Condition", Map.of("ForAllValues:StringEquals",
                                Map.of("dynamodb:LeadingKeys", List.of("_SEED", "_COUNTER#ORDER_ID", "_SEED_PROGRESS")))),
                logWriteStatement(seeder)), Set.copyOf(seed), seedRole);
        assertEquals(4, seed.size(), seedRole);
        seed.forEach(s -> assertNoWildcard(s, seedRole));

        // GIVEN the role of the isComplete function (it alone migrates, and continues a seed onEvent left unfinished)
        Map<String, Object> isComplete = properties(service.findResources(FUNCTION).get(isCompleteId()));
        String migrationRole = roleOf(isComplete);
        List<Map<String, Object>> migration = statementsOfRole(service, migrationRole);
        // WHEN / THEN the item actions of a migration and the seed's BatchWriteItem (CDK merges the two grants on the
        // same resource into one statement), on the table ARN only (no index, no management, no PartiQL)
        assertEquals(Set.of(
                Map.of("Action", List.of("dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
                                "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Scan",
                                "dynamodb:UpdateItem"),
                        "Effect", "Allow", "Resource", tableArn),
                logWriteStatement(isComplete)), Set.copyOf(migration), migrationRole);
        assertEquals(2, migration.size(), migrationRole);
        migration.forEach(s -> assertNoWildcard(s, migrationRole));
    }

    @Test
    void providerRole_mayOnlyInvokeTheSeederFunctionsStartTheWaiterAndWriteItsLogs() {
        // GIVEN the policies attached to the provider framework's onEvent function's role
        Map<String, Object> provider = properties(service.findResources(FUNCTION).get(providerFunctionId()));
        List<Map<String, Object>> statements = statementsOfRole(service, roleOf(provider));

        // WHEN / THEN it may invoke (any version of) both seeder functions, read their configuration, start the
        // waiter state machine, and write its logs
        assertEquals(Set.of(invokeSeederFunctions(), getSeederFunctions(),
                Map.of("Action", "states:StartExecution", "Effect", "Allow",
                        "Resource", ref(onlyResourceId(service, "AWS::StepFunctions::StateMachine"))),
                logWriteStatement(provider)), Set.copyOf(statements));
    }

    @Test
    void waiterFunctionsRole_mayOnlyInvokeTheSeederFunctionsAndWriteTheirLogs() {
        // GIVEN the role of the framework's isComplete and onTimeout functions
        Map<String, Object> isComplete = properties(onlyResource(service, FUNCTION,
                Map.of("Handler", "framework.isComplete")).getValue());
        Map<String, Object> onTimeout = properties(onlyResource(service, FUNCTION,
                Map.of("Handler", "framework.onTimeout")).getValue());
        assertEquals(roleOf(isComplete), roleOf(onTimeout));
        List<Map<String, Object>> statements = statementsOfRole(service, roleOf(isComplete));

        // WHEN / THEN invoke and read the seeder functions, write the provider's logs; no StartExecution
        assertEquals(Set.of(invokeSeederFunctions(), getSeederFunctions(), logWriteStatement(isComplete)),
                Set.copyOf(statements));
    }

    private static Map<String, Object> invokeSeederFunctions() {
        Object onEvent = getAtt(seederId, "Arn");
        Object isComplete = getAtt(isCompleteId(), "Arn");
        return Map.of("Action", "lambda:InvokeFunction", "Effect", "Allow", "Resource", List.of(onEvent, isComplete,
                Map.of("Fn::Join", List.of("", List.of(onEvent, ":*"))),
                Map.of("Fn::Join", List.of("", List.of(isComplete, ":*")))));
    }

    private static Map<String, Object> getSeederFunctions() {
        return Map.of("Action", "lambda:GetFunction", "Effect", "Allow",
                "Resource", List.of(getAtt(seederId, "Arn"), getAtt(isCompleteId(), "Arn")));
    }

    private static String isCompleteId() {
        return onlyResource(service, FUNCTION, Map.of("Handler", SEEDER_IS_COMPLETE_HANDLER)).getKey();
    }

    /** What every role here may do with logs: write streams into its own function's log group. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> logWriteStatement(Map<String, Object> functionProperties) {
        String logGroupId = (String) ((Map<String, Object>) ((Map<String, Object>) functionProperties
                .get("LoggingConfig")).get("LogGroup")).get("Ref");
        return Map.of("Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                "Effect", "Allow",
                "Resource", getAtt(logGroupId, "Arn"));
    }

    @Test
    void customResource_dependsOnTable_whenInSameStack(@TempDir Path dataDir) throws IOException {
        // GIVEN a stack holding both the table and a seeder over a one-file data folder
        Files.writeString(dataDir.resolve("regions.csv"), "regionID,regionDescription\n1,Eastern\n");
        Files.writeString(dataDir.resolve("README.md"), "not data\n");
        Stack stack = new Stack(new App(), "Single");
        NorthwindTable table = new NorthwindTable(stack, "Table", NorthwindTableProps.defaults());
        new NorthwindSeeder(stack, "Seeder", new NorthwindSeederProps(NorthwindFunctionProps.of(table.getTable(),
                Code.fromAsset(dataDir.toString())), dataDir));

        // WHEN synthesized
        Template template = Template.fromStack(stack);

        // THEN the seed waits for the table, the checksum is that of the given folder's CSVs, and the
        // table name is the table's own Ref (a replacement changes it, which triggers a new seed)
        String tableInStack = onlyResourceId(template, "AWS::DynamoDB::Table");
        template.hasResource("Custom::NorthwindSeed", Map.of(
                "DependsOn", Match.arrayWith(List.of(tableInStack)),
                "Properties", Match.objectLike(Map.of("DataChecksum", NorthwindData.checksum(dataDir),
                        "TableName", ref(tableInStack)))));
        // AND the contract phase waits for the expand phase even without functions in between
        String seed = onlyResourceId(template, "Custom::NorthwindSeed");
        template.hasResource("Custom::NorthwindMigrationContract", Map.of(
                "DependsOn", Match.arrayWith(List.of(seed))));
    }

    private static String providerFunctionId() {
        return onlyResource(service, FUNCTION, Map.of("Handler", "framework.onEvent")).getKey();
    }

    @SuppressWarnings("unchecked")
    private static void assertLogGroupWithRetention(Map<String, Object> functionProperties) {
        Map<String, Object> logging = (Map<String, Object>) functionProperties.get("LoggingConfig");
        String logGroupId = (String) ((Map<String, Object>) logging.get("LogGroup")).get("Ref");
        Map<String, Object> group = service.findResources("AWS::Logs::LogGroup").get(logGroupId);
        assertEquals(Map.of("RetentionInDays", 365), group.get("Properties"));
        assertEquals("Delete", group.get("DeletionPolicy"));
    }

    @SuppressWarnings("unchecked")
    static String roleOf(Map<String, Object> functionProperties) {
        return (String) ((List<Object>) ((Map<String, Object>) functionProperties.get("Role")).get("Fn::GetAtt")).get(0);
    }

    /** Every statement of every AWS::IAM::Policy attached to {@code roleId}. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statementsOfRole(Template template, String roleId) {
        return template.findResources("AWS::IAM::Policy").values().stream()
                .map(TemplateJson::properties)
                .filter(p -> ((List<Object>) p.get("Roles")).contains(ref(roleId)))
                .flatMap(p -> ((List<Map<String, Object>>) ((Map<String, Object>) p.get("PolicyDocument"))
                        .get("Statement")).stream())
                .toList();
    }

    static void assertNoWildcard(Map<String, Object> statement, String owner) {
        for (Object part : List.of(asList(statement.get("Action")), asList(statement.get("Resource")))) {
            for (String s : strings(part)) {
                assertFalse(s.contains("*"), owner + " has a wildcard '" + s + "' in " + statement);
            }
        }
    }
}
