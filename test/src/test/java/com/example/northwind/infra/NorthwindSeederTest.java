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

/** The seeding custom resource of the service stack: function, data layer, provider and permissions. */
class NorthwindSeederTest {
    private static final String FUNCTION = "AWS::Lambda::Function";
    private static final String SEEDER_HANDLER = "com.example.northwind.seeder.SeederHandler::handleRequest";

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

        // THEN the seeder (and only it) mounts it
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
    void customResource_carriesDataChecksumItemModelVersionAndTableName() {
        // GIVEN the service stack / WHEN the seeding resource is read
        // THEN its type is Custom::NorthwindSeed and its properties change exactly when data, model or table
        // change (a replaced table gets a new name, so it is seeded too)
        service.resourceCountIs("Custom::NorthwindSeed", 1);
        service.hasResourceProperties("Custom::NorthwindSeed", Match.objectEquals(Map.of(
                "ServiceToken", getAtt(providerFunctionId(), "Arn"),
                "DataChecksum", NorthwindData.checksum(NorthwindData.locate()),
                "ItemModelVersion", com.example.northwind.model.ModelVersion.current(),
                "TableName", dataStackOutputReference(synth.data(), ref(tableId)))));
    }

    @Test
    void provider_invokesTheSeederAndKeepsLogsForAMonth() {
        // GIVEN the provider framework function (the custom resource's service token)
        Map<String, Object> provider = properties(service.findResources(FUNCTION).get(providerFunctionId()));

        // WHEN / THEN it forwards events to the seeder
        assertEquals(Map.of("Variables", Map.of("USER_ON_EVENT_FUNCTION_ARN", getAtt(seederId, "Arn"))),
                provider.get("Environment"));
        // AND it logs to a log group with a retention
        assertLogGroupWithRetention(provider);
    }

    @Test
    void seederFunction_logsToGroupWithRetention() {
        // GIVEN the seeder function / WHEN its log configuration is read / THEN a one-month, destroyable group
        assertLogGroupWithRetention(seeder);
    }

    @Test
    void seederRole_mayOnlyBatchWriteScanKeysReadItsBookkeepingAndWriteItsLogs() {
        // GIVEN the policies attached to the seeder's role
        String role = roleOf(seeder);
        List<Map<String, Object>> statements = statementsOfRole(service, role);

        // WHEN / THEN BatchWriteItem, a Scan limited to the keys, and GetItem of its seed record and the order-id
        // counter only, on the table ARN only (no index, no management), and log writes to its own log group only
        Object tableArn = dataStackOutputReference(synth.data(), getAtt(tableId, "Arn"));
        assertEquals(Set.of(
                Map.of("Action", "dynamodb:BatchWriteItem", "Effect", "Allow", "Resource", tableArn),
                Map.of("Action", "dynamodb:Scan", "Effect", "Allow", "Resource", tableArn,
                        "Condition", Map.of(
                                "StringEquals", Map.of("dynamodb:Select", "SPECIFIC_ATTRIBUTES"),
                                "ForAllValues:StringEquals", Map.of("dynamodb:Attributes", List.of("pk", "sk")))),
                Map.of("Action", "dynamodb:GetItem", "Effect", "Allow", "Resource", tableArn,
                        "Condition", Map.of("ForAllValues:StringEquals",
                                Map.of("dynamodb:LeadingKeys", List.of("_SEED", "_COUNTER#ORDER_ID")))),
                logWriteStatement(seeder)), Set.copyOf(statements));
        assertEquals(4, statements.size());
        // AND no wildcard anywhere in its actions or resources
        statements.forEach(s -> assertNoWildcard(s, role));
    }

    @Test
    void providerRole_mayOnlyInvokeTheSeederAndWriteItsLogs() {
        // GIVEN the policies attached to the provider framework function's role
        Map<String, Object> provider = properties(service.findResources(FUNCTION).get(providerFunctionId()));
        List<Map<String, Object>> statements = statementsOfRole(service, roleOf(provider));

        // WHEN / THEN it may invoke (any version of) the seeder, read its configuration, and write its logs
        Object seederArn = getAtt(seederId, "Arn");
        assertEquals(Set.of(
                Map.of("Action", "lambda:InvokeFunction", "Effect", "Allow",
                        "Resource", List.of(seederArn, Map.of("Fn::Join", List.of("", List.of(seederArn, ":*"))))),
                Map.of("Action", "lambda:GetFunction", "Effect", "Allow", "Resource", seederArn),
                logWriteStatement(provider)), Set.copyOf(statements));
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
