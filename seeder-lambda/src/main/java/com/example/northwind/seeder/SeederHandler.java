package com.example.northwind.seeder;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.example.northwind.schema.FunctionContract;
import com.example.northwind.model.Migration;
import com.example.northwind.schema.NorthwindData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * The onEvent handler of the {@code Custom::NorthwindSeed} resource (CDK Provider framework). Thin: it reads
 * the event, checks that the data it was given is the data the template promised, and lets
 * {@link NorthwindSeeder} do the work. It throws on failure; the Provider framework reports that to
 * CloudFormation (this handler never talks to the ResponseURL itself).
 *
 * <ul>
 *   <li>Create / Update: converge the table to the data (the same operation). A seed that does not finish within this
 *       invocation's budget stops at its checkpoint and answers {@code Complete: "false"}; the Provider framework then
 *       polls {@link #isComplete}, which continues it from there, invocation after invocation.</li>
 *   <li>Delete: return at once. The table is retained by default and deleting items would only slow down
 *       or block stack deletion.</li>
 * </ul>
 */
public final class SeederHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    public static final String ENV_TABLE_NAME = FunctionContract.ENV_TABLE_NAME;
    public static final String ENV_DATA_DIR = FunctionContract.ENV_DATA_DIR;
    public static final String ENV_TIME_BUDGET = FunctionContract.ENV_SEED_TIME_BUDGET;
    public static final String PROP_DATA_CHECKSUM = FunctionContract.PROP_DATA_CHECKSUM;
    public static final String PROP_ITEM_MODEL_VERSION = FunctionContract.PROP_ITEM_MODEL_VERSION;
    public static final String PROP_TABLE_NAME = FunctionContract.PROP_TABLE_NAME;
    /** "true" lets this seed delete more than SeedOptions.maxDeleteShare of the table (absent or "false": refused). */
    public static final String PROP_ALLOW_MASS_DELETE = FunctionContract.PROP_ALLOW_MASS_DELETE;

    /**
     * Total time of one SDK call, its retries included. The budget check runs between calls only, so a call
     * that starts just before the end of the 240 s budget must give control back in time: after it, a seed makes one
     * more call (its checkpoint), so 240 s + 2 × 25 s ends inside the 300 s Lambda timeout with 10 s left for the
     * answer. Without it, the SDK's retries of 20 s attempts could outlast the timeout.
     */
    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(25);
    /** One attempt: short enough that the SDK can still retry a hung connection within the call timeout. */
    static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(SeederHandler.class);

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final String dataDir;
    private final SeedOptions options;
    private final String configProblem;

    /** Used by Lambda: configuration from the environment, one client for the life of the container. */
    public SeederHandler() {
        String region = System.getenv("AWS_REGION");
        this.tableName = System.getenv(ENV_TABLE_NAME);
        this.dataDir = System.getenv(ENV_DATA_DIR);
        String problem = null;
        SeedOptions opts = SeedOptions.defaults();
        try {
            opts = optionsFromEnv(System.getenv(ENV_TIME_BUDGET));
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        this.options = opts;
        if (region == null || region.isBlank()) {
            problem = problem != null ? problem : "environment variable AWS_REGION is not set";
            this.dynamo = null;
        } else {
            this.dynamo = DynamoDbClient.builder()
                    .region(Region.of(region))
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .overrideConfiguration(clientOverrides())
                    .build();
        }
        this.configProblem = problem;
    }

    /** Timeouts of the Lambda's client: a hung call must neither eat the budget nor outlast the Lambda. */
    static ClientOverrideConfiguration clientOverrides() {
        return ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT)
                .apiCallTimeout(API_CALL_TIMEOUT)
                .build();
    }

    /** For tests and local runs. */
    public SeederHandler(DynamoDbClient dynamo, String tableName, Path dataDir, SeedOptions options) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.dataDir = dataDir == null ? null : dataDir.toString();
        this.options = options;
        this.configProblem = null;
    }

    /** SEED_TIME_BUDGET_SECONDS, when set, replaces the default 240 s budget. */
    static SeedOptions optionsFromEnv(String budgetSeconds) {
        if (budgetSeconds == null || budgetSeconds.isBlank()) {
            return SeedOptions.defaults();
        }
        try {
            long seconds = Long.parseLong(budgetSeconds.trim());
            if (seconds <= 0) {
                throw new NumberFormatException();
            }
            return SeedOptions.builder().timeBudget(Duration.ofSeconds(seconds)).build();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("environment variable " + ENV_TIME_BUDGET
                    + " must be a positive number of seconds, was \"" + budgetSeconds + "\"");
        }
    }

    /**
     * Room left after the budget runs out: the calls in flight end (each bounded: 25 s), then the seed saves its
     * checkpoint (one more bounded call), then the answer.
     */
    static final long LAMBDA_TIMEOUT_MARGIN_MILLIS = 2 * API_CALL_TIMEOUT.toMillis() + 10_000;

    /**
     * The configured budget, shortened when this invocation has less time left than it (cold start and the
     * checksum pass already used some), so the seeder always answers — stopped at its checkpoint, or failed with its
     * own reason — before Lambda's timeout.
     */
    static SeedOptions withinRemainingTime(SeedOptions options, long remainingMillis) {
        long available = Math.max(1_000, remainingMillis - LAMBDA_TIMEOUT_MARGIN_MILLIS);
        if (remainingMillis <= 0 || options.timeBudget().toMillis() <= available) {
            return options;
        }
        return options.toBuilder().timeBudget(Duration.ofMillis(available)).build();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        if (context == null) {
            return handleReporting(event, options);
        }
        // Every log line of the invocation carries the request id and the cold-start flag (Powertools).
        return PowertoolsLogging.withLogging(context,
                () -> handleReporting(event, withinRemainingTime(options, context.getRemainingTimeInMillis())));
    }

    private Map<String, Object> handleReporting(Map<String, Object> event, SeedOptions options) {
        try {
            return handle(event, options);
        } catch (SeedDataException | SeedFailedException | IllegalArgumentException | IllegalStateException e) {
            // The whole reason (and the trace) goes to the log; CloudFormation gets a bounded one-liner.
            LOG.error("seed failed", entry("error", e.getMessage()), e);
            String reason = failureReason(e.getMessage());
            if (reason.equals(e.getMessage())) {
                throw e;
            }
            throw new ReportedFailure(reason);
        }
    }

    /**
     * The reason CloudFormation shows, at most {@link FunctionContract#MAX_FAILURE_REASON_CHARS} characters:
     * the Provider framework's response (reason included) must stay under 4,096 bytes or the response
     * itself fails. A longer reason is cut, and says so and where the rest is.
     */
    static String failureReason(String message) {
        String reason = message == null || message.isBlank() ? "the seed failed (no reason given)" : message;
        int max = FunctionContract.MAX_FAILURE_REASON_CHARS;
        if (reason.length() <= max) {
            return reason;
        }
        String note = " [truncated: " + reason.length() + " characters in all; the full reason is in the seeder's log]";
        return reason.substring(0, max - note.length()) + note;
    }

    /**
     * What the handler throws instead of a failure whose reason is too long: the bounded reason and nothing
     * else (no cause, no stack trace), so the error the Provider framework receives is just the reason.
     */
    static final class ReportedFailure extends IllegalStateException {
        ReportedFailure(String reason) {
            super(reason);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private Map<String, Object> handle(Map<String, Object> event, SeedOptions options) {
        long entered = options.clockMillis().getAsLong();
        if (event == null) {
            throw new IllegalArgumentException("the event is empty");
        }
        Object requestType = event.get("RequestType");
        LOG.info("event", entry("requestType", requestType), entry("logicalResourceId", event.get("LogicalResourceId")),
                entry("physicalResourceId", event.get("PhysicalResourceId")));
        if ("Delete".equals(requestType)) {
            // Never touch the table on Delete: it is retained, and stack deletion must not wait on it.
            return Map.of("PhysicalResourceId", physicalId(event, false));
        }
        if (!"Create".equals(requestType) && !"Update".equals(requestType)) {
            throw new IllegalArgumentException("unsupported RequestType \"" + requestType
                    + "\" (expected Create, Update or Delete)");
        }
        Path data = checkConfiguration();
        Map<?, ?> properties = event.get("ResourceProperties") instanceof Map<?, ?> p ? p : Map.of();
        checkTableName(properties);
        SeedOptions withProperties = seedOptions(options, properties);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("PhysicalResourceId", physicalId(event, "Create".equals(requestType)));

        // A table that holds data under an older item model is migrated, never re-seeded (SeedMode once): the
        // expand phase here and in isComplete, the contract phase in its own resource after the readers switched
        // (that resource carries no data, so no checksum).
        Migration.Phase phase = phase(properties);
        Evolution evolution = new Evolution(dynamo, tableName, withProperties.clockMillis());
        Evolution.Plan plan = evolution.plan(phase);
        if (phase == Migration.Phase.CONTRACT || plan.kind() == Evolution.Plan.Kind.MIGRATE && withProperties.mode() == SeedMode.ONCE) {
            // onEvent only plans a migration: isComplete, whose role may read and rewrite whole items, does the work
            // (this function keeps the seed's keys-only Scan).
            Map<String, Object> planned = new LinkedHashMap<>();
            boolean nothing = plan.kind() == Evolution.Plan.Kind.NOTHING;
            if (!nothing) {
                planned.put("Migration", plan.migration().name());
                planned.put("Phase", phase.name().toLowerCase(java.util.Locale.ROOT));
            }
            planned.put(FunctionContract.DATA_COMPLETE, Boolean.toString(nothing));
            response.put("Data", planned);
            return response;
        }
        checkDataChecksum(properties, data);
        // Within this invocation's budget; an unfinished seed answers Complete "false" and isComplete continues it.
        SeedResult result = new NorthwindSeeder(dynamo, tableName, rest(withProperties, entered)).seedStep(data, requestId(event));
        response.put("Data", seedData(result));
        return response;
    }

    /** The budget left after what the handler itself spent since {@code enteredMillis} (the checksum pass, the plan). */
    static SeedOptions rest(SeedOptions options, long enteredMillis) {
        long used = options.clockMillis().getAsLong() - enteredMillis;
        if (used <= 0) {
            return options;
        }
        return options.toBuilder().timeBudget(Duration.ofMillis(Math.max(1, options.timeBudget().toMillis() - used))).build();
    }

    /** The options of this resource's seed: the handler's, with the AllowMassDelete and SeedMode properties. */
    private static SeedOptions seedOptions(SeedOptions options, Map<?, ?> properties) {
        return withMassDelete(options, properties).toBuilder()
                .mode(SeedMode.parse(properties.get(FunctionContract.PROP_SEED_MODE))).build();
    }

    /**
     * Required: without it the seeder could not tell whether the data layer is the data the template was synthesized
     * with, and would silently seed whatever it finds.
     */
    private static void checkDataChecksum(Map<?, ?> properties, Path data) {
        Object expected = properties.get(PROP_DATA_CHECKSUM);
        if (expected == null || expected.toString().isBlank()) {
            throw new IllegalStateException("the custom resource has no " + PROP_DATA_CHECKSUM + " property");
        }
        String actual = NorthwindData.checksum(data);
        if (!expected.toString().equals(actual)) {
            throw new IllegalStateException("DataChecksum mismatch: the template promised data " + expected
                    + " but " + data + " holds data " + actual
                    + " (the data layer shipped is not the data the template was synthesized with)");
        }
    }

    /** The CloudFormation request's id: every invocation for one deploy of the resource carries the same. */
    private static String requestId(Map<String, Object> event) {
        Object id = event.get("RequestId");
        return id == null ? "" : id.toString();
    }

    /**
     * A seed's Data. Strings only: CloudFormation reads custom-resource Data as strings, and a GetAtt of a number used
     * as an output (SeededItems) fails the deploy. The counts are the data's (what the table holds once complete).
     */
    private static Map<String, Object> seedData(SeedResult result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(FunctionContract.DATA_TOTAL_ITEMS, Integer.toString(result.totalItems()));
        out.put(FunctionContract.DATA_CHECKSUM, result.checksum());
        result.itemsByType().forEach((type, count) -> out.put(FunctionContract.DATA_ITEMS_PREFIX + type, String.valueOf(count)));
        out.put(FunctionContract.DATA_DELETED_ITEMS, Integer.toString(result.deletedItems()));
        out.put(FunctionContract.DATA_SKIPPED, Boolean.toString(result.skipped()));
        out.put(FunctionContract.DATA_COMPLETE, Boolean.toString(result.complete()));
        return out;
    }

    /** Where an unfinished seed stands, for an unfinished poll's Progress (never Data: the framework refuses it). */
    private static Map<String, Object> seedProgress(SeedResult result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(FunctionContract.PROGRESS_SEED_WRITTEN, Long.toString(result.writtenItems()));
        out.put(FunctionContract.DATA_TOTAL_ITEMS, Integer.toString(result.totalItems()));
        out.put(FunctionContract.DATA_DELETED_ITEMS, Integer.toString(result.deletedItems()));
        return out;
    }

    /** onEvent (its answer is in the poll's Data) started a seed and left it unfinished. */
    private static boolean seedUnfinished(Map<String, Object> event) {
        return event.get(FunctionContract.RESPONSE_DATA) instanceof Map<?, ?> data
                && data.containsKey(FunctionContract.DATA_TOTAL_ITEMS)
                && "false".equals(String.valueOf(data.get(FunctionContract.DATA_COMPLETE)));
    }

    /**
     * The Provider framework's isComplete: polled until it answers IsComplete true, each poll continuing the seed
     * that onEvent left unfinished, or the migration, from its checkpoint within this invocation's budget. A seed that
     * finished in onEvent and a Delete are complete at once.
     */
    public Map<String, Object> isComplete(Map<String, Object> event, Context context) {
        if (context == null) {
            return isCompleteReporting(event, options);
        }
        return PowertoolsLogging.withLogging(context,
                () -> isCompleteReporting(event, withinRemainingTime(options, context.getRemainingTimeInMillis())));
    }

    private Map<String, Object> isCompleteReporting(Map<String, Object> event, SeedOptions options) {
        try {
            if (event == null || "Delete".equals(event.get("RequestType"))) {
                return Map.of("IsComplete", true);
            }
            checkConfiguration();
            Map<?, ?> properties = event.get("ResourceProperties") instanceof Map<?, ?> p ? p : Map.of();
            checkTableName(properties);
            Migration.Phase phase = phase(properties);
            if (phase == Migration.Phase.EXPAND && seedUnfinished(event)) {
                return continueSeed(event, properties, options);
            }
            Evolution evolution = new Evolution(dynamo, tableName, options.clockMillis());
            Evolution.Plan plan = evolution.plan(phase);
            if (plan.kind() != Evolution.Plan.Kind.MIGRATE && plan.kind() != Evolution.Plan.Kind.CONTRACT) {
                return Map.of("IsComplete", true);
            }
            Map<String, Object> data = migrate(evolution, plan, phase, options);
            boolean complete = "true".equals(data.get(FunctionContract.DATA_COMPLETE));
            Map<String, Object> response = new LinkedHashMap<>();
            response.put(FunctionContract.RESPONSE_IS_COMPLETE, complete);
            // The Provider framework refuses Data on an unfinished poll: the counts go under Progress until the end.
            response.put(complete ? FunctionContract.RESPONSE_DATA : FunctionContract.RESPONSE_PROGRESS, data);
            return response;
        } catch (SeedDataException | SeedFailedException | IllegalArgumentException | IllegalStateException e) {
            LOG.error("isComplete failed", entry("error", e.getMessage()), e);
            String reason = failureReason(e.getMessage());
            throw reason.equals(e.getMessage()) ? e : new ReportedFailure(reason);
        }
    }

    /**
     * One more step of the seed onEvent started (same data, same request): from its checkpoint, within this
     * invocation's budget. Complete: the seed's Data (it replaces onEvent's unfinished counts). Not complete:
     * Progress only.
     */
    private Map<String, Object> continueSeed(Map<String, Object> event, Map<?, ?> properties, SeedOptions options) {
        long entered = options.clockMillis().getAsLong();
        Path data = checkConfiguration();
        checkDataChecksum(properties, data);
        SeedResult result = new NorthwindSeeder(dynamo, tableName, rest(seedOptions(options, properties), entered))
                .seedStep(data, requestId(event));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put(FunctionContract.RESPONSE_IS_COMPLETE, result.complete());
        if (!result.complete()) {
            response.put(FunctionContract.RESPONSE_PROGRESS, seedProgress(result));
        } else if (result.skipped()) {
            // Another run of this seed finished it (its record is there, its progress item gone): onEvent's counts stand.
            response.put(FunctionContract.RESPONSE_DATA, Map.of(FunctionContract.DATA_COMPLETE, "true"));
        } else {
            response.put(FunctionContract.RESPONSE_DATA, seedData(result));
        }
        return response;
    }

    /** Runs the planned phase within the budget; Data says where it stands (strings, as CloudFormation reads them). */
    private static Map<String, Object> migrate(Evolution evolution, Evolution.Plan plan, Migration.Phase phase, SeedOptions options) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (plan.kind() == Evolution.Plan.Kind.NOTHING) {
            out.put(FunctionContract.DATA_COMPLETE, "true");
            return out;
        }
        long deadline = options.clockMillis().getAsLong() + options.timeBudget().toMillis();
        Evolution.Status status = evolution.run(plan.migration(), phase, deadline);
        out.putAll(status.data());
        // Complete only when no later migration waits for the same phase (a table several versions behind).
        out.put(FunctionContract.DATA_COMPLETE, Boolean.toString(status.phaseComplete()));
        return out;
    }

    /** The Phase property: "expand" (default: the seed resource) or "contract" (the resource after the readers). */
    static Migration.Phase phase(Map<?, ?> properties) {
        Object phase = properties.get(FunctionContract.PROP_PHASE);
        if (phase == null || FunctionContract.PHASE_EXPAND.equals(String.valueOf(phase))) {
            return Migration.Phase.EXPAND;
        }
        if (FunctionContract.PHASE_CONTRACT.equals(String.valueOf(phase))) {
            return Migration.Phase.CONTRACT;
        }
        throw new IllegalArgumentException("the custom resource property " + FunctionContract.PROP_PHASE
                + " must be \"" + FunctionContract.PHASE_EXPAND + "\" or \"" + FunctionContract.PHASE_CONTRACT + "\", was \"" + phase + "\"");
    }

    /** The AllowMassDelete property (CloudFormation sends every property as text): "true", "false" or absent. */
    static SeedOptions withMassDelete(SeedOptions options, Map<?, ?> properties) {
        Object allow = properties.get(PROP_ALLOW_MASS_DELETE);
        if (allow == null || "false".equals(String.valueOf(allow))) {
            return options;
        }
        if (!"true".equals(String.valueOf(allow))) {
            throw new IllegalArgumentException("the custom resource property " + PROP_ALLOW_MASS_DELETE
                    + " must be \"true\" or \"false\", was \"" + allow + "\"");
        }
        return options.toBuilder().allowMassDelete(true).build();
    }

    /** Stable: derived from the table on Create, kept from the event afterwards (a change would mean replacement). */
    private String physicalId(Map<String, Object> event, boolean create) {
        Object existing = event.get("PhysicalResourceId");
        if (!create && existing instanceof String s && !s.isBlank()) {
            return s;
        }
        return "northwind-seed-" + (tableName == null ? "unknown-table" : tableName);
    }

    private Path checkConfiguration() {
        if (configProblem != null) {
            throw new IllegalStateException(configProblem);
        }
        if (tableName == null || tableName.isBlank()) {
            throw new IllegalStateException("environment variable " + ENV_TABLE_NAME + " is not set");
        }
        if (dataDir == null || dataDir.isBlank()) {
            throw new IllegalStateException("environment variable " + ENV_DATA_DIR
                    + " is not set (it must name the folder holding the Northwind CSVs)");
        }
        Path data = Path.of(dataDir);
        if (!Files.isDirectory(data)) {
            throw new IllegalStateException(ENV_DATA_DIR + " points at " + data + ", which is not a folder");
        }
        return data;
    }

    /**
     * TableName is a property so that a replaced table (new name) changes the resource and is seeded; when
     * present it must name the table this function writes to, or the seed would land in another table.
     */
    private void checkTableName(Map<?, ?> properties) {
        Object promised = properties.get(PROP_TABLE_NAME);
        if (promised != null && !promised.toString().equals(tableName)) {
            throw new IllegalStateException("TableName mismatch: the custom resource names table " + promised
                    + " but " + ENV_TABLE_NAME + " is " + tableName);
        }
    }
}
