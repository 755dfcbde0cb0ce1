package com.example.northwind.infra;

import com.example.northwind.testsupport.SynthesizedApp;

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

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The query Lambda of the service stack: configuration, SnapStart alias, read-only permissions, outputs. */
class NorthwindQueryFunctionTest {
    private static final String QUERY_HANDLER = "com.example.northwind.query.QueryHandler::handleRequest";
    /** DynamoDB actions that write, delete, manage, or read beyond key conditions. */
    private static final List<String> FORBIDDEN_FOR_QUERY = List.of(
            "Scan", "Put", "Write", "Delete", "Update", "Create", "Restore", "Import", "Export", "Partiql");

    private static SynthesizedApp.Synth synth;
    private static Template service;
    private static String functionId;
    private static Map<String, Object> function;
    private static String tableId;

    @BeforeAll
    static void synthesize() {
        synth = SynthesizedApp.defaults();
        service = synth.service();
        var found = onlyResource(service, "AWS::Lambda::Function", Map.of("Handler", QUERY_HANDLER));
        functionId = found.getKey();
        function = properties(found.getValue());
        tableId = onlyResourceId(synth.data(), "AWS::DynamoDB::Table");
    }

    @Test
    void queryFunction_runsJava21OnArm64WithSnapStart() {
        // GIVEN the query function / WHEN its configuration is read
        // THEN java21 on arm64, 1024 MB, 10 s, SnapStart on published versions, only TABLE_NAME, the log service name
        // and the nextToken key's secret ARN (PageTokenSecretTest) in its env
        assertEquals("java21", function.get("Runtime"));
        assertEquals(List.of("arm64"), function.get("Architectures"));
        assertEquals(1024, ((Number) function.get("MemorySize")).intValue());
        assertEquals(10, ((Number) function.get("Timeout")).intValue());
        assertEquals(Map.of("ApplyOn", "PublishedVersions"), function.get("SnapStart"));
        assertEquals(Map.of("Variables", Map.of("TABLE_NAME", dataStackOutputReference(synth.data(), ref(tableId)),
                        "POWERTOOLS_SERVICE_NAME", "northwind",
                        PageTokenSecret.ENV_SECRET_ARN, ref(onlyResourceId(service, "AWS::SecretsManager::Secret")))),
                function.get("Environment"));
    }

    @Test
    void queryFunction_isServedByAliasLiveOnItsCurrentVersion() {
        // GIVEN the service stack / WHEN the query function's version and alias are read
        String versionId = onlyResource(service, "AWS::Lambda::Version", Map.of("FunctionName", ref(functionId))).getKey();
        service.hasResourceProperties("AWS::Lambda::Version",
                Match.objectEquals(Map.of("FunctionName", ref(functionId))));

        // THEN its one alias "live" points at the version published from the current code
        onlyResource(service, "AWS::Lambda::Alias", Map.of("FunctionName", ref(functionId)));
        service.hasResourceProperties("AWS::Lambda::Alias", Match.objectEquals(Map.of(
                "Name", "live",
                "FunctionName", ref(functionId),
                "FunctionVersion", getAtt(versionId, "Version"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void queryFunction_logsToGroupWithRetention() {
        // GIVEN the query function's log configuration
        String logGroupId = (String) ((Map<String, Object>) ((Map<String, Object>) function.get("LoggingConfig"))
                .get("LogGroup")).get("Ref");

        // WHEN / THEN the group keeps logs for a year and goes with the stack
        Map<String, Object> group = service.findResources("AWS::Logs::LogGroup").get(logGroupId);
        assertEquals(Map.of("RetentionInDays", 365), group.get("Properties"));
        assertEquals("Delete", group.get("DeletionPolicy"));
    }

    @Test
    void queryRole_mayOnlyGetItemAndQueryTheTableAndGsi1AndWriteItsLogs() {
        // GIVEN the policies attached to the query function's role
        String role = roleOf(function);
        List<Map<String, Object>> statements = statementsOfRole(service, role);

        // WHEN / THEN GetItem + Query on the table ARN and <tableArn>/index/gsi_1 and gsi_2, BatchGetItem on the table ARN
        // (product and its stock shards), log writes to its own group, GetSecretValue on the nextToken key
        // (PageTokenSecretTest), nothing else
        Object tableArn = dataStackOutputReference(synth.data(), getAtt(tableId, "Arn"));
        assertEquals(Set.of(
                Map.of("Action", List.of("dynamodb:GetItem", "dynamodb:Query"),
                        "Effect", "Allow",
                        "Resource", List.of(tableArn, Map.of("Fn::Join", List.of("", List.of(tableArn, "/index/gsi_1"))),
                                Map.of("Fn::Join", List.of("", List.of(tableArn, "/index/gsi_2"))))),
                Map.of("Action", "dynamodb:BatchGetItem", "Effect", "Allow", "Resource", tableArn),
                logWriteStatement(function),
                Map.of("Action", "secretsmanager:GetSecretValue", "Effect", "Allow",
                        "Resource", ref(onlyResourceId(service, "AWS::SecretsManager::Secret")))), Set.copyOf(statements));
        assertEquals(4, statements.size());
        statements.forEach(s -> assertNoWildcard(s, role));
    }

    @Test
    void everyServiceRole_hasNoManagedPolicy() {
        // GIVEN every IAM role of the service stack (the seeder's onEvent and isComplete functions, the provider's
        // onEvent function, its isComplete/onTimeout functions, its waiter state machine, query, command, stream consumer)
        var roles = service.findResources("AWS::IAM::Role");
        assertEquals(8, roles.size(), roles.keySet().toString());

        // WHEN / THEN none carries a managed policy (AWSLambdaBasicExecutionRole would allow writing to any
        // log group): the inline grants checked above are all they may do
        roles.forEach((id, role) -> assertFalse(properties(role).containsKey("ManagedPolicyArns"), id));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServicePolicy_isFreeOfWildcardActionsAndOfQueryWrites() {
        // GIVEN every IAM policy of the service stack
        String queryRole = roleOf(function);
        var policies = service.findResources("AWS::IAM::Policy").values();
        assertFalse(policies.isEmpty());

        for (Map<String, Object> policy : policies) {
            Map<String, Object> props = properties(policy);
            boolean ofQueryRole = ((List<Object>) props.get("Roles")).contains(ref(queryRole));
            var statements = (List<Map<String, Object>>) ((Map<String, Object>) props.get("PolicyDocument")).get("Statement");
            for (Map<String, Object> statement : statements) {
                // WHEN / THEN no action is a wildcard and no resource is "*" (the provider's own grant to
                // invoke the seeder covers its versions as "<functionArn>:*", which is the one suffix allowed), but
                // for Step Functions' log delivery on the provider's waiter role, which IAM grants on * only
                for (String action : strings(statement.get("Action"))) {
                    assertFalse(action.contains("*"), "wildcard action " + action + " in " + statement);
                    if (ofQueryRole && action.startsWith("dynamodb:")) {
                        FORBIDDEN_FOR_QUERY.forEach(word -> assertFalse(action.contains(word),
                                "query role may not " + action));
                    }
                }
                for (Object resource : asList(statement.get("Resource"))) {
                    assertFalse("*".equals(resource) && !isWaiterLogDelivery(props, statement), "resource * in " + statement);
                }
                if (ofQueryRole) {
                    assertNoWildcard(statement, "query role");
                }
            }
        }
    }

    /** Step Functions' CloudWatch Logs delivery, which IAM grants on * only; allowed to the waiter's role alone. */
    private static final List<String> WAITER_LOG_DELIVERY = List.of("logs:CreateLogDelivery", "logs:CreateLogStream",
            "logs:DeleteLogDelivery", "logs:DescribeLogGroups", "logs:DescribeResourcePolicies", "logs:GetLogDelivery",
            "logs:ListLogDeliveries", "logs:PutLogEvents", "logs:PutResourcePolicy", "logs:UpdateLogDelivery");

    @SuppressWarnings("unchecked")
    private static boolean isWaiterLogDelivery(Map<String, Object> policy, Map<String, Object> statement) {
        String waiterRole = (String) ((List<Object>) ((Map<String, Object>) properties(service.findResources(
                "AWS::StepFunctions::StateMachine").values().iterator().next()).get("RoleArn")).get("Fn::GetAtt")).get(0);
        return policy.get("Roles").equals(List.of(ref(waiterRole))) && WAITER_LOG_DELIVERY.equals(statement.get("Action"));
    }

    @Test
    void serviceStack_outputsQueryFunctionNameAliasArnAndSeededItems() {
        // GIVEN the service stack / WHEN its outputs are read
        String aliasId = onlyResource(service, "AWS::Lambda::Alias", Map.of("FunctionName", ref(functionId))).getKey();
        String seedId = onlyResourceId(service, "Custom::NorthwindSeed");

        // THEN they name the function, the alias clients invoke, and the seeded item count
        service.hasOutput("QueryFunctionName", Match.objectEquals(Map.of("Value", ref(functionId))));
        service.hasOutput("QueryAliasArn", Match.objectEquals(Map.of("Value", ref(aliasId))));
        service.hasOutput("SeededItems", Match.objectEquals(Map.of("Value", getAtt(seedId, "TotalItems"))));
    }
}
