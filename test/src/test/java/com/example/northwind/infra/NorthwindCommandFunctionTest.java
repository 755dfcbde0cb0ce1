package com.example.northwind.infra;

import static com.example.northwind.infra.NorthwindSeederTest.assertNoWildcard;
import static com.example.northwind.infra.NorthwindSeederTest.logWriteStatement;
import static com.example.northwind.infra.NorthwindSeederTest.roleOf;
import static com.example.northwind.infra.NorthwindSeederTest.statementsOfRole;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.schema.FunctionContract;
import com.example.northwind.testsupport.SynthesizedApp;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * The command Lambda of the service stack: configuration, SnapStart alias, JSON logs, a role that may write items
 * of the table and read them by key (and nothing else), outputs.
 */
class NorthwindCommandFunctionTest {
    /** DynamoDB actions the command role must never have: whole-table reads, batch writes, PartiQL, management. */
    private static final List<String> FORBIDDEN_FOR_COMMAND = List.of(
            "dynamodb:Scan", "dynamodb:BatchWriteItem", "dynamodb:PartiQL", "dynamodb:ExecuteStatement",
            "dynamodb:CreateTable", "dynamodb:DeleteTable", "dynamodb:UpdateTable", "dynamodb:DescribeTable",
            "dynamodb:UpdateTimeToLive", "dynamodb:RestoreTableFromBackup", "dynamodb:ExportTableToPointInTime",
            "dynamodb:ImportTable");

    private static SynthesizedApp.Synth synth;
    private static Template service;
    private static String functionId;
    private static Map<String, Object> function;
    private static String tableId;

    @BeforeAll
    static void synthesize() {
        synth = SynthesizedApp.defaults();
        service = synth.service();
        var found = onlyResource(service, "AWS::Lambda::Function", Map.of("Handler", FunctionContract.COMMAND_HANDLER));
        functionId = found.getKey();
        function = properties(found.getValue());
        tableId = onlyResourceId(synth.data(), "AWS::DynamoDB::Table");
    }

    @Test
    void commandFunction_runsJava21OnArm64WithSnapStartAndTheContractsTimeout() {
        // GIVEN the function whose handler is the contract's CommandHandler
        // WHEN its configuration is read
        // THEN java21 on arm64, 1024 MB, the contract's 15 s (room for optimistic retries), SnapStart on published
        // versions, and only the table's name and the log service name in its environment
        assertEquals("com.example.northwind.command.CommandHandler::handleRequest", FunctionContract.COMMAND_HANDLER);
        assertEquals("java21", function.get("Runtime"));
        assertEquals(List.of("arm64"), function.get("Architectures"));
        assertEquals(1024, ((Number) function.get("MemorySize")).intValue());
        assertEquals(FunctionContract.COMMAND_TIMEOUT_SECONDS, ((Number) function.get("Timeout")).intValue());
        assertEquals(15, FunctionContract.COMMAND_TIMEOUT_SECONDS);
        assertEquals(Map.of("ApplyOn", "PublishedVersions"), function.get("SnapStart"));
        assertEquals(Map.of("Variables", Map.of(
                        FunctionContract.ENV_TABLE_NAME, dataStackOutputReference(synth.data(), ref(tableId)),
                        FunctionContract.ENV_SERVICE_NAME, FunctionContract.SERVICE_NAME)),
                function.get("Environment"));
    }

    @Test
    void commandFunction_isServedByAliasLiveOnItsCurrentVersion() {
        // GIVEN the service stack / WHEN the command function's version and alias are read
        String versionId = onlyResource(service, "AWS::Lambda::Version", Map.of("FunctionName", ref(functionId))).getKey();

        // THEN it has one alias, "live", on the version published from the current code
        onlyResource(service, "AWS::Lambda::Alias", Map.of("FunctionName", ref(functionId)));
        service.hasResourceProperties("AWS::Lambda::Alias", Match.objectEquals(Map.of(
                "Name", NorthwindCommandFunction.ALIAS_NAME,
                "FunctionName", ref(functionId),
                "FunctionVersion", getAtt(versionId, "Version"))));
        assertEquals("live", NorthwindCommandFunction.ALIAS_NAME);
    }

    @Test
    @SuppressWarnings("unchecked")
    void commandFunction_logsJsonToItsOwnGroupKeptAYear() {
        // GIVEN the command function's logging configuration
        Map<String, Object> logging = (Map<String, Object>) function.get("LoggingConfig");
        String logGroupId = (String) ((Map<String, Object>) logging.get("LogGroup")).get("Ref");

        // WHEN / THEN Lambda's JSON format at INFO, into a group of its own that keeps a year and goes with the stack
        assertEquals("JSON", logging.get("LogFormat"));
        assertEquals("INFO", logging.get("ApplicationLogLevel"));
        assertEquals("INFO", logging.get("SystemLogLevel"));
        String queryLogGroup = (String) ((Map<String, Object>) ((Map<String, Object>) properties(onlyResource(service,
                "AWS::Lambda::Function", Map.of("Handler", FunctionContract.QUERY_HANDLER)).getValue())
                .get("LoggingConfig")).get("LogGroup")).get("Ref");
        assertFalse(logGroupId.equals(queryLogGroup), "the command function shares the query function's log group");
        Map<String, Object> group = service.findResources("AWS::Logs::LogGroup").get(logGroupId);
        assertEquals(Map.of("RetentionInDays", 365), group.get("Properties"));
        assertEquals("Delete", group.get("DeletionPolicy"));
    }

    @Test
    void commandRole_mayOnlyWriteAndReadItemsOfTheTableAndWriteItsLogs() {
        // GIVEN the policies attached to the command function's role
        String role = roleOf(function);
        List<Map<String, Object>> statements = statementsOfRole(service, role);

        // WHEN / THEN the item writes of its transactions and its counter (PutItem, UpdateItem, DeleteItem,
        // ConditionCheckItem) and its reads (GetItem, Query, BatchGetItem) on the table ARN alone — no index ARN, as
        // a command never queries an index — and log writes to its own group: nothing else (CDK lists actions sorted)
        Object tableArn = dataStackOutputReference(synth.data(), getAtt(tableId, "Arn"));
        assertEquals(Set.of(
                Map.of("Action", List.of("dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:DeleteItem",
                                "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"),
                        "Effect", "Allow",
                        "Resource", tableArn),
                logWriteStatement(function)), Set.copyOf(statements));
        assertEquals(2, statements.size());
        statements.forEach(s -> assertNoWildcard(s, role));
    }

    @Test
    @SuppressWarnings("unchecked")
    void commandRole_hasNoScanNoBatchWriteNoManagementAndNoWildcard() {
        // GIVEN every statement of every policy on the command role
        String role = roleOf(function);
        List<Map<String, Object>> statements = statementsOfRole(service, role);
        assertFalse(statements.isEmpty());

        for (Map<String, Object> statement : statements) {
            // WHEN its actions and resources are read
            List<String> actions = strings(statement.get("Action"));
            // THEN none is a Scan, a batch write, PartiQL or table management, none is "*" or has a wildcard
            FORBIDDEN_FOR_COMMAND.forEach(forbidden -> assertFalse(actions.contains(forbidden),
                    "command role may not " + forbidden + ": " + statement));
            actions.forEach(action -> assertFalse(action.contains("*"), "wildcard action " + action));
            asList(statement.get("Resource")).forEach(resource -> {
                assertFalse("*".equals(resource), "resource * in " + statement);
                assertFalse(strings(resource).stream().anyMatch(s -> s.contains("/index/")),
                        "the command role reaches an index: " + statement);
            });
            assertTrue("Allow".equals(statement.get("Effect")) && !statement.containsKey("NotAction")
                    && !statement.containsKey("NotResource"), "unexpected statement shape " + statement);
        }
    }

    @Test
    void queryRole_staysReadOnly_besideTheCommandFunction() {
        // GIVEN the query function's role in the same stack as the command function
        Map<String, Object> query = properties(onlyResource(service, "AWS::Lambda::Function",
                Map.of("Handler", FunctionContract.QUERY_HANDLER)).getValue());
        String queryRole = roleOf(query);

        // WHEN / THEN it is a different role, and none of its DynamoDB actions writes
        assertFalse(queryRole.equals(roleOf(function)), "query and command share a role");
        Set<String> dynamoActions = new TreeSet<>();
        statementsOfRole(service, queryRole).forEach(s -> strings(s.get("Action")).stream()
                .filter(a -> a.startsWith("dynamodb:")).forEach(dynamoActions::add));
        assertEquals(Set.of("dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query"), dynamoActions);
    }

    @Test
    void commandRole_mayUseTheTablesKeyForItsReadsAndWrites_whenTheKeyIsCustomerManaged() {
        // GIVEN a table under a customer-managed key and the service stack working on it
        App app = new App();
        var data = new NorthwindDataStack(app, "Data", NorthwindDataStackProps.builder().customerManagedKey(true).build());
        IBucket bucket = Bucket.fromBucketName(new Stack(app, "Code"), "Bucket", "code-bucket");
        var serviceStack = new NorthwindServiceStack(app, "Service", NorthwindServiceStackProps.builder()
                .table(data.getTable())
                .queryCode(Code.fromBucket(bucket, "query.jar"))
                .commandCode(Code.fromBucket(bucket, "command.jar"))
                .seederCode(Code.fromBucket(bucket, "seeder.jar"))
                .streamCode(Code.fromBucket(bucket, "stream.jar"))
                .dataDir(com.example.northwind.schema.NorthwindData.locate())
                .build());

        // WHEN synthesized and the command role's statements are read
        Template dataTemplate = Template.fromStack(data);
        Template template = Template.fromStack(serviceStack);
        Map<String, Object> command = properties(onlyResource(template, "AWS::Lambda::Function",
                Map.of("Handler", FunctionContract.COMMAND_HANDLER)).getValue());
        List<Map<String, Object>> statements = statementsOfRole(template, roleOf(command));

        // THEN besides its item actions and logs, exactly Decrypt, Encrypt and GenerateDataKey on that key (named
        // actions: no kms:ReEncrypt*, no kms:GenerateDataKey*), and no wildcard anywhere
        String keyId = onlyResourceId(dataTemplate, "AWS::KMS::Key");
        Object keyArn = dataStackOutputReference(dataTemplate, getAtt(keyId, "Arn"));
        List<Map<String, Object>> keyStatements = statements.stream()
                .filter(s -> strings(s.get("Action")).stream().anyMatch(a -> a.startsWith("kms:"))).toList();
        assertEquals(1, keyStatements.size(), keyStatements.toString());
        assertEquals(Set.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"),
                new TreeSet<>(strings(keyStatements.get(0).get("Action"))));
        assertEquals(keyArn, keyStatements.get(0).get("Resource"));
        assertEquals(3, statements.size(), statements.toString());
        statements.forEach(s -> assertNoWildcard(s, "command role"));
    }

    @Test
    void serviceStack_outputsCommandFunctionNameAndAliasArn() {
        // GIVEN the service stack / WHEN its outputs are read
        String aliasId = onlyResource(service, "AWS::Lambda::Alias", Map.of("FunctionName", ref(functionId))).getKey();

        // THEN they name the command function and the alias clients invoke
        service.hasOutput("CommandFunctionName", Match.objectEquals(Map.of("Value", ref(functionId))));
        service.hasOutput("CommandAliasArn", Match.objectEquals(Map.of("Value", ref(aliasId))));
    }
}
