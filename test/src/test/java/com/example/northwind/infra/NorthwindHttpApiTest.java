package com.example.northwind.infra;

import static com.example.northwind.infra.TemplateJson.onlyResource;
import static com.example.northwind.infra.TemplateJson.properties;
import static com.example.northwind.infra.TemplateJson.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.schema.FunctionContract;
import com.example.northwind.schema.HttpApiContract;
import com.example.northwind.testsupport.SynthesizedApp;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;

/**
 * The HTTP API as deployed: routes and their authorization, integrations with the functions' aliases, invoke
 * permissions scoped to the API, the stage's access logs, throttling and metrics, alarms, the URL output, the grant
 * helper, and the JWT and CORS opt-ins (from the one shared synthesis of every opt-in).
 */
class NorthwindHttpApiTest {
    private static final String QUERY_ROUTE = "GET " + HttpApiContract.QUERY_ROUTE_PATH;
    private static final String COMMAND_ROUTE = "POST " + HttpApiContract.COMMAND_ROUTE_PATH;

    @Test
    void routes_areThePatternAndCommandRoutes_eachAuthorizedByIam() {
        // GIVEN the default service stack
        Template service = SynthesizedApp.defaults().service();

        // WHEN its routes are read
        Map<String, Map<String, Object>> routes = service.findResources("AWS::ApiGatewayV2::Route");

        // THEN there are exactly the two routes, and every one is authorized by IAM (no authorizer resource needed)
        assertEquals(new TreeSet<>(List.of(QUERY_ROUTE, COMMAND_ROUTE)), routeKeys(routes));
        routes.values().forEach(r -> assertEquals("AWS_IAM", properties(r).get("AuthorizationType"), r.toString()));
        service.resourceCountIs("AWS::ApiGatewayV2::Authorizer", 0);
        // AND the API itself has no CORS unless asked for
        assertFalse(properties(onlyResource(service, "AWS::ApiGatewayV2::Api", Map.of()).getValue())
                .containsKey("CorsConfiguration"));
    }

    @Test
    void integrations_invokeTheLiveAliases_asLambdaProxyWithPayload2() {
        // GIVEN the default service stack
        Template service = SynthesizedApp.defaults().service();

        // WHEN each route's integration is followed to what it invokes
        for (Map.Entry<String, String> route : Map.of(QUERY_ROUTE, FunctionContract.QUERY_HANDLER,
                COMMAND_ROUTE, FunctionContract.COMMAND_HANDLER).entrySet()) {
            Map<String, Object> integration = integrationOf(service, route.getKey());

            // THEN it is a Lambda proxy integration, payload format 2.0, invoking the alias "live" of that function
            assertEquals("AWS_PROXY", integration.get("IntegrationType"));
            assertEquals("2.0", integration.get("PayloadFormatVersion"));
            String alias = liveAliasOf(service, route.getValue());
            assertEquals(Map.of("Ref", alias), integration.get("IntegrationUri"), route.getKey());
        }
    }

    @Test
    void invokePermissions_areOnTheAliases_andScopedToThisApisRoutes() {
        // GIVEN the default service stack and its API
        Template service = SynthesizedApp.defaults().service();
        String api = TemplateJson.onlyResourceId(service, "AWS::ApiGatewayV2::Api");

        // WHEN the permissions API Gateway gets are read
        Map<String, Map<String, Object>> permissions = service.findResources("AWS::Lambda::Permission",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("Principal", "apigateway.amazonaws.com")))));

        // THEN one per route, each on that route's alias (never the unqualified function), conditioned on this API
        // and that route's path
        assertEquals(2, permissions.size(), permissions.keySet().toString());
        for (Map.Entry<String, String> route : Map.of(HttpApiContract.QUERY_ROUTE_PATH, FunctionContract.QUERY_HANDLER,
                HttpApiContract.COMMAND_ROUTE_PATH, FunctionContract.COMMAND_HANDLER).entrySet()) {
            Map<String, Object> permission = permissions.values().stream().map(TemplateJson::properties)
                    .filter(p -> strings(p.get("SourceArn")).stream().anyMatch(s -> s.endsWith("/*/*" + route.getKey())))
                    .findFirst().orElseThrow(() -> new AssertionError("no permission for " + route.getKey()));
            assertEquals("lambda:InvokeFunction", permission.get("Action"));
            assertEquals(Map.of("Ref", liveAliasOf(service, route.getValue())), permission.get("FunctionName"));
            assertTrue(permission.get("SourceArn").toString().contains("{Ref=" + api + "}"), permission.toString());
            assertTrue(strings(permission.get("SourceArn")).contains(":execute-api:"), permission.toString());
        }
    }

    @Test
    void stage_logsJsonToAOneYearLogGroup_throttlesEveryRoute_andHasDetailedMetrics() throws Exception {
        // GIVEN the default service stack
        Template service = SynthesizedApp.defaults().service();

        // WHEN its one stage is read
        Map<String, Object> stage = properties(onlyResource(service, "AWS::ApiGatewayV2::Stage", Map.of()).getValue());

        // THEN it is the auto-deployed $default stage, with detailed metrics and the query throttle as every route's
        // default, and the command route throttled lower
        assertEquals("$default", stage.get("StageName"));
        assertEquals(true, stage.get("AutoDeploy"));
        NorthwindHttpApiProps.Throttle query = NorthwindHttpApiProps.QUERY_THROTTLE;
        NorthwindHttpApiProps.Throttle command = NorthwindHttpApiProps.COMMAND_THROTTLE;
        assertEquals(Map.of("DetailedMetricsEnabled", true, "ThrottlingRateLimit", query.ratePerSecond(),
                "ThrottlingBurstLimit", query.burst()), stage.get("DefaultRouteSettings"));
        assertEquals(Map.of(COMMAND_ROUTE, Map.of("DetailedMetricsEnabled", true,
                "ThrottlingRateLimit", command.ratePerSecond(), "ThrottlingBurstLimit", command.burst())),
                stage.get("RouteSettings"));
        assertTrue(command.ratePerSecond() < query.ratePerSecond(), "commands write: their rate is the lower one");
        // AND access logs go, as one JSON object per request, to a log group kept one year
        @SuppressWarnings("unchecked")
        Map<String, Object> logs = (Map<String, Object>) stage.get("AccessLogSettings");
        @SuppressWarnings("unchecked")
        List<Object> destination = (List<Object>) ((Map<String, Object>) logs.get("DestinationArn")).get("Fn::GetAtt");
        Map<String, Object> logGroup = properties(service.findResources("AWS::Logs::LogGroup").get(destination.get(0).toString()));
        assertEquals(365, logGroup.get("RetentionInDays"));
        Map<?, ?> format = new ObjectMapper().readValue(logs.get("Format").toString(), Map.class);
        for (String field : List.of("requestId", "status", "routeKey", "caller", "responseLatency", "integrationError")) {
            assertTrue(format.containsKey(field), "access log field " + field + " missing: " + format);
        }
        assertEquals("$context.requestId", format.get("requestId"));
    }

    @Test
    void alarms_watchTheApisServerErrorsAndP99Latency() {
        // GIVEN the default service stack and its API
        Template service = SynthesizedApp.defaults().service();
        String api = TemplateJson.onlyResourceId(service, "AWS::ApiGatewayV2::Api");

        // WHEN / THEN any 5xx in five minutes alarms ...
        service.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", "AWS/ApiGateway", "MetricName", "5xx", "Statistic", "Sum", "Period", 300, "Threshold", 1,
                "EvaluationPeriods", 1, "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "Dimensions", List.of(Map.of("Name", "ApiId", "Value", Map.of("Ref", api))))));
        // ... and so does a p99 latency of 3 s or more in two of three five-minute periods
        service.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", "AWS/ApiGateway", "MetricName", "Latency", "ExtendedStatistic", "p99", "Period", 300,
                "Threshold", NorthwindAlarms.LATENCY_P99_MS, "EvaluationPeriods", 3, "DatapointsToAlarm", 2,
                "Dimensions", List.of(Map.of("Name", "ApiId", "Value", Map.of("Ref", api))))));
    }

    @Test
    void output_givesTheApisUrl() {
        // GIVEN the default service stack
        Template service = SynthesizedApp.defaults().service();
        String api = TemplateJson.onlyResourceId(service, "AWS::ApiGatewayV2::Api");

        // WHEN its HttpApiUrl output is read / THEN it is https://<api id>.execute-api.<region>.<suffix>/
        Map<String, Object> output = service.findOutputs("HttpApiUrl").get("HttpApiUrl");
        List<String> parts = strings(output.get("Value"));
        assertTrue(parts.contains("https://") && parts.contains(".execute-api.") && parts.contains("/"), parts.toString());
        assertTrue(output.get("Value").toString().contains("{Ref=" + api + "}"), output.toString());
    }

    @Test
    void grantInvoke_allowsExecuteApiInvokeOnExactlyThisApisRoutes_andGrantQueryOnlyThePatterns() {
        // GIVEN an API in a small stack of its own (imported aliases), a role granted invoke and one granted query
        App app = new App();
        Stack stack = new Stack(app, "Grants", StackProps.builder()
                .env(Environment.builder().account("123456789012").region("us-east-1").build()).build());
        IFunction query = Function.fromFunctionArn(stack, "Query", "arn:aws:lambda:us-east-1:123456789012:function:q:live");
        IFunction command = Function.fromFunctionArn(stack, "Command", "arn:aws:lambda:us-east-1:123456789012:function:c:live");
        NorthwindHttpApi api = new NorthwindHttpApi(stack, "Api", NorthwindHttpApiProps.of(query, command));
        Role client = Role.Builder.create(stack, "Client").assumedBy(new AccountRootPrincipal()).build();
        Role reader = Role.Builder.create(stack, "Reader").assumedBy(new AccountRootPrincipal()).build();
        api.grantInvoke(client);
        api.grantQuery(reader);

        // WHEN synthesized
        Template template = Template.fromStack(stack);
        String apiId = TemplateJson.onlyResourceId(template, "AWS::ApiGatewayV2::Api");

        // THEN the client may execute-api:Invoke GET /patterns/* and POST /commands/* of this API's $default stage,
        // nothing else; the reader only the patterns
        assertEquals(List.of("$default/GET/patterns/*", "$default/POST/commands/*"), grantedRoutes(template, "Client", apiId));
        assertEquals(List.of("$default/GET/patterns/*"), grantedRoutes(template, "Reader", apiId));
    }

    @Test
    void jwtOptIn_addsTheSameRoutesUnderJwt_besideTheIamRoutes() {
        // GIVEN the app synthesized with -c jwtIssuer=… -c jwtAudience=a,b
        Template service = SynthesizedApp.optIns().service();

        // WHEN its authorizers and routes are read
        Map<String, Object> authorizer = properties(onlyResource(service, "AWS::ApiGatewayV2::Authorizer", Map.of()).getValue());
        Map<String, Map<String, Object>> routes = service.findResources("AWS::ApiGatewayV2::Route");

        // THEN one JWT authorizer with that issuer and those audiences, reading the Authorization header ...
        assertEquals("JWT", authorizer.get("AuthorizerType"));
        assertEquals(Map.of("Issuer", SynthesizedApp.JWT_ISSUER, "Audience", List.of(SynthesizedApp.JWT_AUDIENCE.split(","))),
                authorizer.get("JwtConfiguration"));
        assertEquals(List.of("$request.header.Authorization"), authorizer.get("IdentitySource"));
        // ... the IAM routes unchanged, and the same two routes under /jwt authorized by it (a route has one authorizer)
        assertEquals(new TreeSet<>(List.of(QUERY_ROUTE, COMMAND_ROUTE, "GET /jwt" + HttpApiContract.QUERY_ROUTE_PATH,
                "POST /jwt" + HttpApiContract.COMMAND_ROUTE_PATH)), routeKeys(routes));
        String authorizerId = TemplateJson.onlyResourceId(service, "AWS::ApiGatewayV2::Authorizer");
        for (Map<String, Object> route : routes.values()) {
            Map<String, Object> p = properties(route);
            boolean jwt = p.get("RouteKey").toString().contains(" /jwt/");
            assertEquals(jwt ? "JWT" : "AWS_IAM", p.get("AuthorizationType"), p.toString());
            assertEquals(jwt ? Map.of("Ref", authorizerId) : null, p.get("AuthorizerId"), p.toString());
        }
        // AND the JWT command route is throttled as the IAM one, and reaches the same integration
        Map<String, Object> stage = properties(onlyResource(service, "AWS::ApiGatewayV2::Stage", Map.of()).getValue());
        assertEquals(new TreeSet<>(List.of(COMMAND_ROUTE, "POST /jwt" + HttpApiContract.COMMAND_ROUTE_PATH)),
                new TreeSet<>(((Map<?, ?>) stage.get("RouteSettings")).keySet()));
        assertEquals(integrationOf(service, COMMAND_ROUTE), integrationOf(service, "POST /jwt" + HttpApiContract.COMMAND_ROUTE_PATH));
    }

    @Test
    void corsOptIn_allowsExactlyTheListedOrigins_andTheSigningAndIdempotencyHeaders() {
        // GIVEN the app synthesized with -c corsOrigins=https://app.example.com,http://localhost:5173
        Template service = SynthesizedApp.optIns().service();

        // WHEN the API's CORS configuration is read
        Map<String, Object> cors = TemplateJson.properties(onlyResource(service, "AWS::ApiGatewayV2::Api", Map.of()).getValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) cors.get("CorsConfiguration");

        // THEN exactly those origins, the two methods and preflight, and the headers a signed or JWT call sends
        assertEquals(List.of(SynthesizedApp.CORS_ORIGINS.split(",")), config.get("AllowOrigins"));
        assertEquals(new TreeSet<>(List.of("GET", "POST", "OPTIONS")), new TreeSet<>((List<?>) config.get("AllowMethods")));
        assertEquals(NorthwindHttpApi.CORS_HEADERS, config.get("AllowHeaders"));
        assertFalse(Boolean.TRUE.equals(config.get("AllowCredentials")));
    }

    @Test
    void customerManagedKeys_encryptTheAccessLogs() {
        // GIVEN the app synthesized with -c customerManagedKeys=true
        Template service = SynthesizedApp.optIns().service();
        Map<String, Object> stage = properties(onlyResource(service, "AWS::ApiGatewayV2::Stage", Map.of()).getValue());
        @SuppressWarnings("unchecked")
        List<Object> destination = (List<Object>) ((Map<String, Object>) ((Map<String, Object>) stage.get("AccessLogSettings"))
                .get("DestinationArn")).get("Fn::GetAtt");

        // WHEN the access log group is read / THEN it is under the operations key, as every other log group
        Map<String, Object> logGroup = properties(service.findResources("AWS::Logs::LogGroup").get(destination.get(0).toString()));
        String key = TemplateJson.onlyResourceId(service, "AWS::KMS::Key");
        assertEquals(Map.of("Fn::GetAtt", List.of(key, "Arn")), logGroup.get("KmsKeyId"));
    }

    @Test
    void badOptInFlags_failSynthesis_namingTheFlag() {
        for (Map.Entry<Map<String, Object>, String> bad : Map.<Map<String, Object>, String>of(
                Map.of("jwtIssuer", "http://issuer.example.com", "jwtAudience", "a"), "jwtIssuer must be the issuer's https URL",
                Map.of("jwtIssuer", SynthesizedApp.JWT_ISSUER), "-c jwtIssuer=… and -c jwtAudience=… go together",
                Map.of("jwtAudience", "a,,b", "jwtIssuer", SynthesizedApp.JWT_ISSUER), "'jwtAudience' must be a comma-separated list",
                Map.of("corsOrigins", "*"), "corsOrigins must list origins",
                Map.of("corsOrigins", "https://app.example.com/path"), "corsOrigins must list origins").entrySet()) {
            // GIVEN a bad value WHEN the app is composed THEN it is refused before anything is synthesized, saying why
            Map<String, Object> context = new HashMap<>(bad.getKey());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NorthwindApp.compose(new App(AppProps.builder().context(context).build())), context.toString());
            assertTrue(e.getMessage().contains(bad.getValue()), e.getMessage());
        }
    }

    // ---- helpers ----

    private static TreeSet<String> routeKeys(Map<String, Map<String, Object>> routes) {
        return routes.values().stream().map(r -> properties(r).get("RouteKey").toString())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The integration a route targets ({@code "Target": "integrations/<ref>"}). */
    private static Map<String, Object> integrationOf(Template service, String routeKey) {
        Map<String, Object> route = properties(onlyResource(service, "AWS::ApiGatewayV2::Route", Map.of("RouteKey", routeKey)).getValue());
        String target = strings(route.get("Target")).stream().filter(s -> !s.isEmpty() && !s.equals("integrations/")).findFirst().orElseThrow();
        return properties(service.findResources("AWS::ApiGatewayV2::Integration").get(target));
    }

    /** The logical id of the alias {@code live} of the function with this handler. */
    private static String liveAliasOf(Template service, String handler) {
        String function = onlyResource(service, "AWS::Lambda::Function", Map.of("Handler", handler)).getKey();
        return onlyResource(service, "AWS::Lambda::Alias", Map.of("FunctionName", Map.of("Ref", function), "Name", "live")).getKey();
    }

    /** The {@code <stage>/<method><path>} parts of the execute-api:Invoke resources of a role's policy, for this API. */
    private static List<String> grantedRoutes(Template template, String role, String apiId) {
        Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("Roles",
                        List.of(Map.of("Ref", roleId(template, role))))))));
        assertEquals(1, policies.size(), role + ": " + policies.keySet());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> statements = (List<Map<String, Object>>) ((Map<String, Object>) properties(
                policies.values().iterator().next()).get("PolicyDocument")).get("Statement");
        assertEquals(1, statements.size(), statements.toString());
        assertEquals("execute-api:Invoke", statements.get(0).get("Action"));
        List<Object> resources = TemplateJson.asList(statements.get(0).get("Resource"));
        return resources.stream().map(r -> {
            assertTrue(r.toString().contains("{Ref=" + apiId + "}"), r.toString());
            List<String> parts = strings(r);
            return parts.get(parts.size() - 1).substring(1); // "/$default/GET/patterns/*" after the API id
        }).sorted().toList();
    }

    private static String roleId(Template template, String prefix) {
        return template.findResources("AWS::IAM::Role").keySet().stream().filter(k -> k.startsWith(prefix)).findFirst()
                .orElseThrow();
    }
}
