package com.example.northwind.infra;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.services.lambda.Alias;

import com.example.northwind.schema.FunctionContract;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * What the Java functions share, in one place: java21 on arm64, Lambda's JSON log format (INFO for the
 * application, INFO for the platform's START/END/REPORT lines), a log group of their own with the configured
 * retention and key, a role that writes only there, the pinned-runtime and no-VPC reasons.
 */
final class JavaFunctions {
    /** The runtime of every function (the bytecode targets Java 17). */
    static final Runtime RUNTIME = Runtime.JAVA_21;

    private JavaFunctions() {
    }

    /** Options that differ between the functions. */
    record Spec(String description, String handler, int memoryMb, int timeoutSeconds, Map<String, String> environment,
                List<ILayerVersion> layers, boolean snapStart) {
    }

    static Function create(Construct scope, NorthwindFunctionProps props, Spec spec) {
        LogGroup logs = logGroup(scope, "Logs", props);
        return create(scope, props, spec, logs, LambdaRoles.writingTo(scope, "Role", logs));
    }

    /**
     * The same, logging to {@code logs} under {@code role}: for a function whose role the caller builds (one that
     * states every permission itself, see {@link NorthwindStreamConsumer}).
     */
    static Function create(Construct scope, NorthwindFunctionProps props, Spec spec, LogGroup logs, IRole role) {
        Map<String, String> env = new LinkedHashMap<>(spec.environment());
        env.put(FunctionContract.ENV_TABLE_NAME, props.table().getTableName());
        env.put(FunctionContract.ENV_SERVICE_NAME, FunctionContract.SERVICE_NAME);
        Function.Builder builder = Function.Builder.create(scope, "Function")
                .description(spec.description())
                .runtime(RUNTIME)
                .architecture(Architecture.ARM_64)
                .handler(spec.handler())
                .code(props.code())
                .memorySize(spec.memoryMb())
                .timeout(Duration.seconds(spec.timeoutSeconds()))
                .environment(env)
                .loggingFormat(LoggingFormat.JSON)
                .applicationLogLevelV2(ApplicationLogLevel.INFO)
                .systemLogLevelV2(SystemLogLevel.INFO)
                .logGroup(logs)
                .role(role);
        if (!spec.layers().isEmpty()) {
            builder.layers(spec.layers());
        }
        if (spec.snapStart()) {
            builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        }
        Function function = builder.build();
        NagReasons.pinnedJavaRuntime(function);
        GuardReasons.noVpc(function);
        return function;
    }

    /**
     * A log group with the configured retention and key, removed with the stack (logs are operational, not
     * data). Without a key, the encryption exception is recorded on it.
     */
    static LogGroup logGroup(Construct scope, String id, NorthwindFunctionProps props) {
        return logGroup(scope, id, props.logRetention(), props.logEncryption());
    }

    /** The same for any of the service's log groups (the HTTP API's access logs too): one rule for retention and key. */
    static LogGroup logGroup(Construct scope, String id, RetentionDays retention, IKey key) {
        LogGroup logs = LogGroup.Builder.create(scope, id)
                .retention(retention)
                .encryptionKey(key)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        if (key == null) {
            GuardReasons.serviceEncryptedLogs(logs);
        }
        return logs;
    }

    /** The alias SnapStart needs: {@code live}, on the version published from the current code. */
    static Alias liveAlias(Construct scope, Function function) {
        // CDK warns that SnapStart needs a published version; the alias publishes one on every change.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Published through currentVersion and the alias '" + LIVE_ALIAS + "'.");
        return Alias.Builder.create(scope, "Alias").aliasName(LIVE_ALIAS).version(function.getCurrentVersion()).build();
    }

    /** The alias callers invoke. */
    static final String LIVE_ALIAS = "live";
}
