package com.example.northwind.local;

import com.example.northwind.schema.FunctionContract;
import com.example.northwind.schema.NorthwindData;
import com.example.northwind.seeder.SeederHandler;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the CloudFormation Create events the seeder receives on deploy, from the {@code Custom::NorthwindSeed}
 * resource (seed, or a migration's expand phase) and the {@code Custom::NorthwindMigrationContract} resource (the
 * contract phase) of the synthesized service stack: their Properties (minus ServiceToken) with references to the
 * data stack's table resolved to the local table. The local seed thus checks the same DataChecksum, ItemModelVersion
 * and Phase the deployed one does.
 */
public final class SeedEventFactory {
    public static final String DATA_STACK = "NorthwindData";
    public static final String SERVICE_STACK = "NorthwindService";
    public static final String SEED_RESOURCE_TYPE = FunctionContract.SEED_RESOURCE_TYPE;
    public static final String CONTRACT_RESOURCE_TYPE = FunctionContract.MIGRATION_CONTRACT_RESOURCE_TYPE;
    public static final String TABLE_RESOURCE_TYPE = "AWS::DynamoDB::Table";

    private SeedEventFactory() {
    }

    public static Map<String, Object> createEvent(CloudAssembly assembly, String tableName) {
        return createEvent(assembly, tableName, false);
    }

    /**
     * @param allowMassDelete adds the AllowMassDelete property (what {@code -c allowMassDelete=true} does on deploy):
     *                        the seed may then delete more than 10 % of the table
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> createEvent(CloudAssembly assembly, String tableName, boolean allowMassDelete) {
        Map<String, Object> event = templateEvent(assembly, SEED_RESOURCE_TYPE, tableName);
        if (allowMassDelete) {
            Map<String, Object> properties = new LinkedHashMap<>((Map<String, Object>) event.get("ResourceProperties"));
            properties.put(SeederHandler.PROP_ALLOW_MASS_DELETE, "true");
            event.put("ResourceProperties", properties);
        }
        return event;
    }

    /** The Create event of the migration's contract-phase resource ({@value #CONTRACT_RESOURCE_TYPE}). */
    public static Map<String, Object> contractEvent(CloudAssembly assembly, String tableName) {
        return templateEvent(assembly, CONTRACT_RESOURCE_TYPE, tableName);
    }

    /**
     * Fails with what to do when the data folder is not the one the template was synthesized from: the seeder
     * would refuse it anyway ("DataChecksum mismatch"), but only after DynamoDB Local started.
     */
    public static void requireDataOfTemplate(Map<String, Object> createEvent, Path dataDir, CloudAssembly assembly) {
        Object promised = createEvent.get("ResourceProperties") instanceof Map<?, ?> p ? p.get(SeederHandler.PROP_DATA_CHECKSUM) : null;
        if (promised == null || !java.nio.file.Files.isDirectory(dataDir)) {
            return; // the seeder reports these itself
        }
        String actual = NorthwindData.checksum(dataDir);
        if (!promised.equals(actual)) {
            throw new IllegalStateException("The app in " + assembly.dir() + " was synthesized from other data than "
                    + dataDir + " (its DataChecksum is " + promised + ", the folder's " + actual + "). Synthesize from that"
                    + " folder: ./run-local.sh --data-dir " + dataDir + " does it, or NORTHWIND_DIR=" + dataDir
                    + " npx cdk synth.");
        }
    }

    private static Map<String, Object> templateEvent(CloudAssembly assembly, String resourceType, String tableName) {
        CloudAssembly.Resource seed = assembly.onlyResource(SERVICE_STACK, resourceType);
        TemplateValues values = valuesFor(assembly, tableName);
        Map<String, Object> properties = new LinkedHashMap<>(seed.properties());
        properties.remove("ServiceToken");
        Object resolved = values.resolve(properties, seed.logicalId() + ".Properties");

        String stackId = "arn:aws:cloudformation:" + TemplateValues.REGION + ":" + TemplateValues.ACCOUNT
                + ":stack/" + SERVICE_STACK + "/" + UUID.nameUUIDFromBytes(SERVICE_STACK.getBytes());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("RequestType", "Create");
        event.put("ServiceToken", "arn:aws:lambda:" + TemplateValues.REGION + ":" + TemplateValues.ACCOUNT + ":function:local-seeder");
        event.put("ResponseURL", "http://127.0.0.1/unused-by-local-run");
        event.put("StackId", stackId);
        event.put("RequestId", UUID.randomUUID().toString());
        event.put("LogicalResourceId", seed.logicalId());
        event.put("ResourceType", resourceType);
        event.put("ResourceProperties", resolved);
        return event;
    }

    /**
     * Values of the local deployment: the data stack's table (Ref → name, Arn, StreamArn) and the data stack's
     * outputs, which is how the service stack reaches the table across stacks.
     */
    static TemplateValues valuesFor(CloudAssembly assembly, String tableName) {
        String tableId = assembly.onlyResource(DATA_STACK, TABLE_RESOURCE_TYPE).logicalId();
        String tableArn = "arn:aws:dynamodb:" + TemplateValues.REGION + ":" + TemplateValues.ACCOUNT + ":table/" + tableName;
        Map<String, Object> known = Map.of(tableId, tableName, tableId + ".Arn", tableArn,
                tableId + ".StreamArn", tableArn + "/stream/local");
        Map<String, Object> outputs = new LinkedHashMap<>();
        Map<String, Object> dataOutputs = CloudAssembly.map(assembly.template(DATA_STACK).get("Outputs"), "Outputs");
        if (dataOutputs != null) {
            dataOutputs.forEach((name, output) -> {
                Map<String, Object> o = CloudAssembly.map(output, name);
                outputs.put(name, o.get("Value"));
                if (o.get("Export") instanceof Map<?, ?> export && export.get("Name") != null) {
                    outputs.put(String.valueOf(export.get("Name")), o.get("Value"));
                }
            });
        }
        return new TemplateValues(known::get, outputs::get);
    }
}
