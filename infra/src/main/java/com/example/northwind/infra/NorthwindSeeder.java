package com.example.northwind.infra;

import com.example.northwind.schema.FunctionContract;
import com.example.northwind.schema.NorthwindData;
import com.example.northwind.model.ModelVersion;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.customresources.LogOptions;
import software.amazon.awscdk.customresources.Provider;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.assets.AssetOptions;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * Seeds the table from the Northwind CSVs on deploy, and evolves a seeded table to the current item model: two
 * asynchronous custom resources served by one CDK Provider in its isComplete mode.
 *
 * <ul>
 *   <li>{@value #RESOURCE_TYPE} ({@code Phase} {@value FunctionContract#PHASE_EXPAND}): its properties are the data's
 *       checksum, the item-model version and the table name, so CloudFormation re-runs it exactly when the data,
 *       the item mapping or the table changed, and never on an unrelated deploy. It seeds a new table, or runs the
 *       expand phase of a migration: adds the new model's items and attributes, keeps the old ones.</li>
 *   <li>{@value #CONTRACT_RESOURCE_TYPE} ({@code Phase} {@value FunctionContract#PHASE_CONTRACT}; item-model
 *       version and table name): removes what only the old model needed. It runs after the expand resource here;
 *       {@link NorthwindServiceStack} also puts the functions' {@code live} aliases between the two.</li>
 * </ul>
 *
 * <p>onEvent ({@link FunctionContract#SEEDER_HANDLER}) starts the work and may leave it unfinished; the Provider's
 * waiter state machine then invokes isComplete ({@link FunctionContract#SEEDER_IS_COMPLETE_HANDLER}) every
 * {@value FunctionContract#SEED_QUERY_INTERVAL_SECONDS} s, each poll continuing from the checkpoint in the table,
 * until it answers {@code IsComplete: true} or {@value FunctionContract#SEED_TOTAL_TIMEOUT_SECONDS} s have passed.
 * A seed (a first seed, or a converge) that does not fit onEvent's budget of
 * {@value FunctionContract#SEED_TIME_BUDGET_SECONDS} s stops at its checkpoint ({@code _SEED_PROGRESS}) and the polls
 * continue it the same way. Both functions run the same code with the same environment and data layer, each with a
 * role of its own holding its own table grants ({@link NorthwindTableGrants#grantMigrationAccess} and
 * {@link NorthwindTableGrants#grantSeedContinuation}: the migration and the rest of a seed; onEvent keeps the seed's
 * keys-only {@link NorthwindTableGrants#grantSeedAccess}) and writing only its own log group.
 *
 * <p>The CSVs travel as a Lambda layer (mounted at {@code /opt}) rather than inside the jar: the data is
 * read from outside the repository and versioned independently of the code.
 */
public class NorthwindSeeder extends Construct {
    public static final String HANDLER = FunctionContract.SEEDER_HANDLER;
    public static final String IS_COMPLETE_HANDLER = FunctionContract.SEEDER_IS_COMPLETE_HANDLER;
    public static final String RESOURCE_TYPE = FunctionContract.SEED_RESOURCE_TYPE;
    public static final String CONTRACT_RESOURCE_TYPE = FunctionContract.MIGRATION_CONTRACT_RESOURCE_TYPE;
    /** Where Lambda mounts layer content. */
    public static final String LAYER_MOUNT = FunctionContract.DATA_LAYER_MOUNT;
    /**
     * One invocation's work, below the 5-minute timeout: a longer seed stops at its checkpoint and answers (the next
     * poll continues it), and a stuck one fails with the seeder's own reason, never a bare timeout.
     */
    public static final int SEED_TIME_BUDGET_SECONDS = FunctionContract.SEED_TIME_BUDGET_SECONDS;
    /** The context flag of a deploy whose seed may delete more than 10 % of the table. */
    public static final String ALLOW_MASS_DELETE_CONTEXT = "allowMassDelete";
    /**
     * The context flag {@code -c seedMode=converge}: rebuild a seeded table from the CSVs (erasing command writes).
     * Absent or {@code once}: a seeded table is never touched by a later deploy.
     */
    public static final String SEED_MODE_CONTEXT = "seedMode";

    private final Function function;
    private final Function isCompleteFunction;
    private final Provider provider;
    private final CustomResource resource;
    private final CustomResource contractResource;

    public NorthwindSeeder(Construct scope, String id, NorthwindSeederProps props) {
        super(scope, id);
        ITable table = props.function().table();
        Path dataDir = props.dataDir();

        LayerVersion data = LayerVersion.Builder.create(this, "Data")
                .description("Northwind CSVs, mounted at " + LAYER_MOUNT)
                // Only the CSVs: README.md and SHA256SUMS are not data and must not change the asset hash.
                .code(Code.fromAsset(dataDir.toString(), AssetOptions.builder()
                        .exclude(List.of("*", "!*.csv"))
                        .build()))
                .compatibleRuntimes(List.of(JavaFunctions.RUNTIME))
                .compatibleArchitectures(List.of(Architecture.ARM_64))
                .build();

        // More memory buys more vCPU: faster JVM start and parallel BatchWriteItem for ~5.3k items.
        Map<String, String> environment = Map.of(FunctionContract.ENV_DATA_DIR, LAYER_MOUNT,
                FunctionContract.ENV_SEED_TIME_BUDGET, Integer.toString(SEED_TIME_BUDGET_SECONDS));
        this.function = JavaFunctions.create(this, props.function(), new JavaFunctions.Spec(
                "Converges the Northwind table to the CSVs and the item model (custom resource onEvent handler)",
                HANDLER, 1024, FunctionContract.SEEDER_TIMEOUT_SECONDS, environment, List.of(data), false));
        NorthwindTableGrants.grantSeedAccess(table, function);
        // The same code, environment and data (a poll may continue a seed from the CSVs), in a scope of its own:
        // its own log group and a role that writes only there.
        this.isCompleteFunction = JavaFunctions.create(new Construct(this, "IsComplete"), props.function(),
                new JavaFunctions.Spec(
                        "Continues the Northwind seed or migration from its checkpoint (custom resource isComplete handler)",
                        IS_COMPLETE_HANDLER, 1024, FunctionContract.SEEDER_TIMEOUT_SECONDS, environment, List.of(data),
                        false));
        NorthwindTableGrants.grantMigrationAccess(table, isCompleteFunction);
        // A seed longer than onEvent's budget goes on in the polls: the seed's batched writes too.
        NorthwindTableGrants.grantSeedContinuation(table, isCompleteFunction);

        // The seeder returns PhysicalResourceId/Data (onEvent) and IsComplete/Data (isComplete) and throws on failure;
        // the Provider framework turns that into the CloudFormation response, so the seeder never posts to the
        // ResponseURL. The framework's three functions log to one group; onEvent and the isComplete/onTimeout pair
        // need different roles (the framework's rule, against a circular dependency).
        LogGroup providerLogs = JavaFunctions.logGroup(this, "ProviderLogs", props.function());
        IRole providerRole = LambdaRoles.writingTo(this, "ProviderRole", providerLogs);
        IRole waiterFunctionsRole = LambdaRoles.writingTo(this, "ProviderWaiterRole", providerLogs);
        LogGroup waiterLogs = JavaFunctions.logGroup(this, "WaiterLogs", props.function());
        this.provider = Provider.Builder.create(this, "Provider")
                .onEventHandler(function)
                .isCompleteHandler(isCompleteFunction)
                .queryInterval(Duration.seconds(FunctionContract.SEED_QUERY_INTERVAL_SECONDS))
                .totalTimeout(Duration.seconds(FunctionContract.SEED_TOTAL_TIMEOUT_SECONDS))
                .logGroup(providerLogs)
                .frameworkOnEventRole(providerRole)
                .frameworkCompleteAndTimeoutRole(waiterFunctionsRole)
                // Every state transition (each poll, the timeout), without execution data: the state machine's input
                // is the CloudFormation event, whose ResponseURL is a presigned URL that may answer for the resource.
                .disableWaiterStateMachineLogging(false)
                .waiterStateMachineLogOptions(LogOptions.builder()
                        .destination(waiterLogs)
                        .level(LogLevel.ALL)
                        .includeExecutionData(false)
                        .build())
                .build();
        NagReasons.providerInvokesSeederVersions(providerRole, function, isCompleteFunction);
        NagReasons.providerInvokesSeederVersions(waiterFunctionsRole, function, isCompleteFunction);
        for (String framework : List.of("framework-onEvent", "framework-isComplete", "framework-onTimeout")) {
            GuardReasons.noVpc(provider.getNode().findChild(framework));
        }
        IConstruct waiter = provider.getNode().findChild("waiter-state-machine");
        NagReasons.waiterStateMachineRole(waiter.getNode().findChild("Role"),
                (IFunction) provider.getNode().findChild("framework-isComplete"),
                (IFunction) provider.getNode().findChild("framework-onTimeout"));
        NagReasons.waiterWithoutTracing(waiter.getNode().findChild("Resource"));
        GuardReasons.waiterWithoutTracing(waiter.getNode().findChild("Resource"));

        Map<String, Object> expand = new LinkedHashMap<>();
        expand.put(FunctionContract.PROP_PHASE, FunctionContract.PHASE_EXPAND);
        expand.put(FunctionContract.PROP_DATA_CHECKSUM, NorthwindData.checksum(dataDir));
        expand.put(FunctionContract.PROP_ITEM_MODEL_VERSION, ModelVersion.current());
        // A replaced table has a new name: the changed property makes CloudFormation send an Update, so the new,
        // empty table is seeded too. The seeder checks it is its table.
        expand.put(FunctionContract.PROP_TABLE_NAME, table.getTableName());
        this.resource = CustomResource.Builder.create(this, "Resource")
                .serviceToken(provider.getServiceToken())
                .resourceType(RESOURCE_TYPE)
                .properties(withSeedMode(withMassDeleteFlag(expand)))
                .build();
        // Seed only once the table exists. Across stacks CDK turns this into a stack dependency.
        resource.getNode().addDependency(table);

        // The contract phase: a new item-model version (or table) re-runs it; nothing else does.
        Map<String, Object> contract = new LinkedHashMap<>();
        contract.put(FunctionContract.PROP_PHASE, FunctionContract.PHASE_CONTRACT);
        contract.put(FunctionContract.PROP_ITEM_MODEL_VERSION, ModelVersion.current());
        contract.put(FunctionContract.PROP_TABLE_NAME, table.getTableName());
        this.contractResource = CustomResource.Builder.create(this, "Contract")
                .serviceToken(provider.getServiceToken())
                .resourceType(CONTRACT_RESOURCE_TYPE)
                .properties(contract)
                .build();
        // Never before the expand phase is complete (the service stack adds the aliases in between).
        contractResource.getNode().addDependency(resource);
    }

    /** The seeder's onEvent Lambda. */
    public IFunction getFunction() {
        return function;
    }

    /** The seeder's isComplete Lambda (the same code, polled by the Provider's waiter). */
    public IFunction getIsCompleteFunction() {
        return isCompleteFunction;
    }

    /** The Provider framework serving both custom resources. */
    public Provider getProvider() {
        return provider;
    }

    /** The seeding custom resource: seed, or the expand phase of a migration. */
    public CustomResource getResource() {
        return resource;
    }

    /** The migration's contract-phase custom resource. */
    public CustomResource getContractResource() {
        return contractResource;
    }

    /** Number of items the last seed wrote (the custom resource's Data attribute, a string). */
    public String getSeededItems() {
        return resource.getAttString(FunctionContract.DATA_TOTAL_ITEMS);
    }

    /**
     * {@code -c allowMassDelete=true} adds AllowMassDelete "true": this deploy's seed may delete more than 10 %
     * of the table (rows really removed). Without it such a seed is refused, as a truncated CSV would cause it.
     */
    private Map<String, Object> withMassDeleteFlag(Map<String, Object> properties) {
        Object flag = getNode().tryGetContext(ALLOW_MASS_DELETE_CONTEXT);
        if (flag == null || "false".equals(String.valueOf(flag))) {
            return properties;
        }
        if (!"true".equals(String.valueOf(flag))) {
            throw new IllegalArgumentException("context " + ALLOW_MASS_DELETE_CONTEXT + " must be true or false, was " + flag);
        }
        Map<String, Object> with = new java.util.LinkedHashMap<>(properties);
        with.put(FunctionContract.PROP_ALLOW_MASS_DELETE, "true");
        return with;
    }

    /** {@code -c seedMode=converge} adds SeedMode "converge"; absent or {@code once} adds nothing (the default). */
    private Map<String, Object> withSeedMode(Map<String, Object> properties) {
        Object mode = getNode().tryGetContext(SEED_MODE_CONTEXT);
        if (mode == null || "once".equals(String.valueOf(mode))) {
            return properties;
        }
        if (!"converge".equals(String.valueOf(mode))) {
            throw new IllegalArgumentException("context " + SEED_MODE_CONTEXT + " must be once or converge, was " + mode);
        }
        Map<String, Object> with = new java.util.LinkedHashMap<>(properties);
        with.put(FunctionContract.PROP_SEED_MODE, "converge");
        return with;
    }
}
