package com.example.northwind.infra;

import com.example.northwind.model.JsonText;
import com.example.northwind.schema.HttpApiContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpIamAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IHttpRouteAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.PayloadFormatVersion;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.lambda.CfnPermission;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The HTTP API in front of the query and command functions: {@code GET /patterns/{pattern}} → the query function's
 * {@code live} alias, {@code POST /commands/{command}} → the command function's (Lambda proxy integrations, payload
 * format 2.0; the functions answer both through {@code HttpApiAdapter}). Every route is authorized by IAM (SigV4,
 * service execute-api); callers need {@code execute-api:Invoke}, which {@link #grantInvoke} and {@link #grantQuery}
 * give on exactly this API's routes. Each integration may invoke only its alias, and only from this API's route (the
 * invoke permission's source ARN).
 *
 * <p>One {@code $default} stage, deployed automatically: JSON access logs to a log group of its own (one year, the
 * service key when there is one), detailed (per-route) metrics, and throttling — the props' query throttle as the
 * default for every route, the command throttle on the command routes.
 *
 * <p>Opt-ins: a JWT authorizer for browser apps ({@link NorthwindHttpApiProps#jwt()}). A route has one authorizer, so
 * the JWT routes are the same two routes again under {@value HttpApiContract#JWT_PREFIX}
 * ({@code GET /jwt/patterns/{pattern}}, {@code POST /jwt/commands/{command}}), reaching the same integrations; the IAM
 * routes are unchanged. CORS for listed origins ({@link NorthwindHttpApiProps#corsOrigins()}); off otherwise.
 */
public class NorthwindHttpApi extends Construct {
    /** The stage: API Gateway's {@code $default}, served at the API's root URL. */
    public static final String STAGE_NAME = "$default";
    /** Headers a browser may send: SigV4's, a JWT's Authorization, the body's type and the idempotency key. */
    static final List<String> CORS_HEADERS = List.of("authorization", "content-type", "idempotency-key",
            "x-amz-date", "x-amz-security-token", "x-amz-content-sha256");

    /**
     * One JSON object per request (CloudWatch Logs Insights reads its fields): who called which route, the status,
     * API Gateway's and the integration's latency, and why a request failed (authorizer, integration, gateway).
     */
    static final String ACCESS_LOG_FORMAT = JsonText.compact(accessLogFields());

    private static Map<String, Object> accessLogFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("requestId", "$context.requestId");
        fields.put("requestTime", "$context.requestTime");
        fields.put("ip", "$context.identity.sourceIp");
        fields.put("caller", "$context.identity.userArn");
        fields.put("httpMethod", "$context.httpMethod");
        fields.put("routeKey", "$context.routeKey");
        fields.put("path", "$context.path");
        fields.put("protocol", "$context.protocol");
        fields.put("status", "$context.status");
        fields.put("responseLength", "$context.responseLength");
        fields.put("responseLatency", "$context.responseLatency");
        fields.put("integrationStatus", "$context.integrationStatus");
        fields.put("integrationLatency", "$context.integrationLatency");
        fields.put("integrationError", "$context.integrationErrorMessage");
        fields.put("authorizerError", "$context.authorizer.error");
        fields.put("error", "$context.error.message");
        return fields;
    }

    private final HttpApi api;
    private final HttpStage stage;
    private final LogGroup accessLogs;
    private final List<HttpRoute> routes = new ArrayList<>();

    public NorthwindHttpApi(Construct scope, String id, NorthwindHttpApiProps props) {
        super(scope, id);
        HttpApi.Builder builder = HttpApi.Builder.create(this, "Resource")
                .apiName(Stack.of(this).getStackName() + "-api")
                .description("Northwind access patterns (GET /patterns/{pattern}) and commands (POST /commands/{command}),"
                        + " IAM-authorized")
                .createDefaultStage(false);
        if (!props.corsOrigins().isEmpty()) {
            builder.corsPreflight(CorsPreflightOptions.builder()
                    .allowOrigins(props.corsOrigins())
                    .allowMethods(List.of(CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.OPTIONS))
                    .allowHeaders(CORS_HEADERS)
                    .exposeHeaders(List.of("apigw-requestid"))
                    .maxAge(Duration.hours(1))
                    .build());
        }
        this.api = builder.build();

        HttpLambdaIntegration query = HttpLambdaIntegration.Builder.create("Query", props.queryFunction())
                .payloadFormatVersion(PayloadFormatVersion.VERSION_2_0).build();
        HttpLambdaIntegration command = HttpLambdaIntegration.Builder.create("Command", props.commandFunction())
                .payloadFormatVersion(PayloadFormatVersion.VERSION_2_0).build();
        addRoutes("", new HttpIamAuthorizer(), query, command);
        if (props.jwt() != null) {
            addRoutes(HttpApiContract.JWT_PREFIX, HttpJwtAuthorizer.Builder.create("Jwt", props.jwt().issuer())
                    .jwtAudience(props.jwt().audience()).build(), query, command);
        }

        // Each integration's invoke permission is scoped to this API's route; cfn-guard cannot see it (GuardReasons).
        getNode().findAll().stream().filter(c -> c instanceof CfnPermission).forEach(GuardReasons::apiScopedInvokePermission);

        this.accessLogs = JavaFunctions.logGroup(this, "AccessLogs", props.logRetention(), props.logEncryption());
        IAccessLogDestination destination = new LogGroupLogDestination(accessLogs);
        this.stage = HttpStage.Builder.create(this, "Stage")
                .httpApi(api)
                .stageName(STAGE_NAME)
                .autoDeploy(true)
                .detailedMetricsEnabled(true)
                .throttle(ThrottleSettings.builder()
                        .rateLimit(props.queryThrottle().ratePerSecond())
                        .burstLimit(props.queryThrottle().burst())
                        .build())
                .accessLogSettings(new IAccessLogSettings() {
                    @Override
                    public IAccessLogDestination getDestination() {
                        return destination;
                    }

                    @Override
                    public AccessLogFormat getFormat() {
                        return AccessLogFormat.custom(ACCESS_LOG_FORMAT);
                    }
                })
                .build();
        // Commands write (up to 87 WCU an order): their route gets its own, lower rate than the stage's default.
        Map<String, Object> commandSettings = new LinkedHashMap<>();
        commandSettings.put("ThrottlingRateLimit", props.commandThrottle().ratePerSecond());
        commandSettings.put("ThrottlingBurstLimit", props.commandThrottle().burst());
        commandSettings.put("DetailedMetricsEnabled", true);
        Map<String, Object> routeSettings = new LinkedHashMap<>();
        routeSettings.put(commandRouteKey(""), commandSettings);
        if (props.jwt() != null) {
            routeSettings.put(commandRouteKey(HttpApiContract.JWT_PREFIX), commandSettings);
        }
        ((CfnStage) stage.getNode().getDefaultChild()).setRouteSettings(routeSettings);
    }

    private void addRoutes(String prefix, IHttpRouteAuthorizer authorizer, HttpLambdaIntegration query,
                           HttpLambdaIntegration command) {
        routes.addAll(api.addRoutes(AddRoutesOptions.builder()
                .path(prefix + HttpApiContract.QUERY_ROUTE_PATH)
                .methods(List.of(HttpMethod.valueOf(HttpApiContract.QUERY_METHOD)))
                .integration(query)
                .authorizer(authorizer)
                .build()));
        routes.addAll(api.addRoutes(AddRoutesOptions.builder()
                .path(prefix + HttpApiContract.COMMAND_ROUTE_PATH)
                .methods(List.of(HttpMethod.valueOf(HttpApiContract.COMMAND_METHOD)))
                .integration(command)
                .authorizer(authorizer)
                .build()));
    }

    private static String commandRouteKey(String prefix) {
        return HttpApiContract.COMMAND_METHOD + " " + prefix + HttpApiContract.COMMAND_ROUTE_PATH;
    }

    /** {@code execute-api:Invoke} on both IAM routes of this API's stage: every pattern and every command. */
    public Grant grantInvoke(IGrantable grantee) {
        return grant(grantee, queryArn(), commandArn());
    }

    /** {@code execute-api:Invoke} on the query route only: every pattern, no command (a read-only client). */
    public Grant grantQuery(IGrantable grantee) {
        return grant(grantee, queryArn());
    }

    private Grant grant(IGrantable grantee, String... routeArns) {
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(List.of("execute-api:Invoke"))
                .resourceArns(List.of(routeArns))
                .build());
    }

    /** {@code arn:…:execute-api:<region>:<account>:<apiId>/$default/GET/patterns/*}. */
    private String queryArn() {
        return api.arnForExecuteApi(HttpApiContract.QUERY_METHOD, HttpApiContract.patternPath("*"), STAGE_NAME);
    }

    private String commandArn() {
        return api.arnForExecuteApi(HttpApiContract.COMMAND_METHOD, HttpApiContract.commandPath("*"), STAGE_NAME);
    }

    /** The API (its metrics feed the alarms). */
    public HttpApi getApi() {
        return api;
    }

    public HttpStage getStage() {
        return stage;
    }

    public LogGroup getAccessLogs() {
        return accessLogs;
    }

    /** Every route: the two IAM routes, then the two JWT routes when there are any. */
    public List<HttpRoute> getRoutes() {
        return List.copyOf(routes);
    }

    /** {@code https://<apiId>.execute-api.<region>.amazonaws.com/}: what clients call. */
    public String getUrl() {
        return stage.getUrl();
    }
}
