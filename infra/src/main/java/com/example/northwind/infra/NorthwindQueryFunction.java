package com.example.northwind.infra;

import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The read-only query Lambda: every access pattern of docs/key-design.md behind one handler.
 *
 * <p>SnapStart restores a snapshot of the initialised JVM instead of booting it, which only applies to
 * published versions; callers therefore invoke the alias {@value #ALIAS_NAME}, which always points at
 * the version published from the current code.
 */
public class NorthwindQueryFunction extends Construct {
    public static final String HANDLER = "com.example.northwind.query.QueryHandler::handleRequest";
    public static final String ALIAS_NAME = "live";

    private final Function function;
    private final Alias alias;

    public NorthwindQueryFunction(Construct scope, String id, NorthwindQueryFunctionProps props) {
        super(scope, id);
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                // Logs are operational, not data: bounded retention, and removed with the stack.
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        this.function = Function.Builder.create(this, "Function")
                .description("Answers the Northwind access patterns from the single table (read-only)")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(HANDLER)
                .code(Code.fromAsset(LambdaJar.of("query-lambda").toString()))
                .memorySize(1024)
                .timeout(Duration.seconds(10))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(Map.of("TABLE_NAME", props.getTable().getTableName()))
                .logGroup(logs)
                .role(LambdaRoles.writingTo(this, "Role", logs))
                .build();
        NagReasons.pinnedJavaRuntime(function);
        // CDK warns that SnapStart needs a published version; the alias below publishes one on every change.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Published through currentVersion and the alias '" + ALIAS_NAME + "'.");
        NorthwindTableGrants.grantQueryAccess(props.getTable(), function);
        new PageTokenSecret(this, "PageTokenKey").grantReadTo(function);
        this.alias = Alias.Builder.create(this, "Alias")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                .build();
    }

    /** The function (unqualified). */
    public Function getFunction() {
        return function;
    }

    /** The {@value #ALIAS_NAME} alias: what clients invoke, so they get the SnapStart version. */
    public Alias getAlias() {
        return alias;
    }
}
