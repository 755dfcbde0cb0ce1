package com.example.northwind.infra;

import com.example.northwind.schema.FunctionContract;
import com.example.northwind.schema.NorthwindData;
import com.example.northwind.model.ModelVersion;
import com.example.northwind.schema.TableSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CustomResource;
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
import software.constructs.Construct;

/**
 * Seeds the table from the Northwind CSVs on deploy: a custom resource whose properties are the data's
 * checksum, the item-model version and the table name, so CloudFormation re-runs the seeder exactly when
 * the data, the item mapping or the table changed, and never on an unrelated deploy.
 *
 * <p>The CSVs travel as a Lambda layer (mounted at {@code /opt}) rather than inside the jar: the data is
 * read from outside the repository and versioned independently of the code.
 */
public class NorthwindSeeder extends Construct {
    public static final String HANDLER = FunctionContract.SEEDER_HANDLER;
    public static final String RESOURCE_TYPE = FunctionContract.SEED_RESOURCE_TYPE;
    /** Where Lambda mounts layer content. */
    public static final String LAYER_MOUNT = FunctionContract.DATA_LAYER_MOUNT;
    /** Below the 5-minute timeout so a stuck seed fails with the seeder's own reason, not a bare timeout. */
    public static final int SEED_TIME_BUDGET_SECONDS = FunctionContract.SEED_TIME_BUDGET_SECONDS;
    /** The context flag of a deploy whose seed may delete more than 10 % of the table. */
    public static final String ALLOW_MASS_DELETE_CONTEXT = "allowMassDelete";
    /**
     * The context flag {@code -c seedMode=converge}: rebuild a seeded table from the CSVs (erasing command writes).
     * Absent or {@code once}: a seeded table is never touched by a later deploy.
     */
    public static final String SEED_MODE_CONTEXT = "seedMode";

    private final Function function;
    private final CustomResource resource;

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
        this.function = JavaFunctions.create(this, props.function(), new JavaFunctions.Spec(
                "Converges the Northwind table to the CSVs (custom resource handler)",
                HANDLER, 1024, FunctionContract.SEEDER_TIMEOUT_SECONDS,
                Map.of(FunctionContract.ENV_DATA_DIR, LAYER_MOUNT,
                        FunctionContract.ENV_SEED_TIME_BUDGET, Integer.toString(SEED_TIME_BUDGET_SECONDS)),
                List.of(data), false));
        NorthwindTableGrants.grantSeedAccess(table, function);

        // The seeder returns PhysicalResourceId/Data and throws on failure; the Provider framework turns
        // that into the CloudFormation response, so the seeder never has to post to the ResponseURL.
        LogGroup providerLogs = JavaFunctions.logGroup(this, "ProviderLogs", props.function());
        IRole providerRole = LambdaRoles.writingTo(this, "ProviderRole", providerLogs);
        Provider provider = Provider.Builder.create(this, "Provider")
                .onEventHandler(function)
                .logGroup(providerLogs)
                .frameworkOnEventRole(providerRole)
                .build();
        NagReasons.providerInvokesSeederVersions(providerRole, function);
        GuardReasons.noVpc(provider.getNode().findChild("framework-onEvent"));

        this.resource = CustomResource.Builder.create(this, "Resource")
                .serviceToken(provider.getServiceToken())
                .resourceType(RESOURCE_TYPE)
                .properties(withSeedMode(withMassDeleteFlag(Map.of(
                        FunctionContract.PROP_DATA_CHECKSUM, NorthwindData.checksum(dataDir),
                        FunctionContract.PROP_ITEM_MODEL_VERSION, ModelVersion.current(),
                        // A replaced table has a new name: the changed property makes CloudFormation send an
                        // Update, so the new, empty table is seeded too. The seeder checks it is its table.
                        FunctionContract.PROP_TABLE_NAME, table.getTableName()))))
                .build();
        // Seed only once the table exists. Across stacks CDK turns this into a stack dependency.
        resource.getNode().addDependency(table);
    }

    /** The seeder Lambda. */
    public IFunction getFunction() {
        return function;
    }

    /** The seeding custom resource. */
    public CustomResource getResource() {
        return resource;
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
