package com.example.northwind.schema;

/**
 * The contract between the CDK app and the Lambdas, stated once: the handler classes infra deploys,
 * the environment variables it sets and the functions read, the custom resource's properties and the
 * keys of the seeder's answer, and the time limits that must fit inside each other.
 *
 * <p>infra writes these names into the templates, the Lambdas read them, and local-run rebuilds the
 * Lambda environment from them; a rename here changes all sides at once.
 */
public final class FunctionContract {
    /** The query function's handler, as Lambda's {@code Handler} property names it. */
    public static final String QUERY_HANDLER = "com.example.northwind.query.QueryHandler::handleRequest";
    /** The command function's handler (the write side: transactional commands). */
    public static final String COMMAND_HANDLER = "com.example.northwind.command.CommandHandler::handleRequest";
    /**
     * The stream consumer's handler: the table's DynamoDB stream, through an event source mapping, in; derived items
     * (kept exactly once) out. Answers {@code {"batchItemFailures": [{"itemIdentifier": <SequenceNumber>}]}}.
     */
    public static final String STREAM_HANDLER = "com.example.northwind.stream.StreamHandler::handleRequest";
    /** The seeder's handler (the custom resource's onEvent function). */
    public static final String SEEDER_HANDLER = "com.example.northwind.seeder.SeederHandler::handleRequest";
    /**
     * The seeder's isComplete handler (the custom resources are asynchronous: the Provider framework's isComplete
     * mode). Its event is the CloudFormation event plus the onEvent answer's PhysicalResourceId and Data; it answers
     * {@code {"IsComplete": true|false, "Data": {...}}} and continues the seed or migration from its checkpoint in
     * the table on every poll, within its own time budget. While it answers {@code IsComplete: false} it must send
     * no {@code Data} (the Provider framework fails the resource if it does): progress goes to
     * {@link #RESPONSE_PROGRESS} and the log instead.
     */
    public static final String SEEDER_IS_COMPLETE_HANDLER = "com.example.northwind.seeder.SeederHandler::isComplete";
    /** Key of the isComplete answer: true when the seed or migration phase is done. */
    public static final String RESPONSE_IS_COMPLETE = "IsComplete";
    /** Key of the answers: the strings CloudFormation reads with Fn::GetAtt (onEvent, and isComplete once complete). */
    public static final String RESPONSE_DATA = "Data";
    /**
     * Optional key of an unfinished isComplete answer: progress as strings (items migrated, ...). The Provider
     * framework ignores it (it logs the answer), local-run prints it on every poll.
     */
    public static final String RESPONSE_PROGRESS = "Progress";
    /**
     * Key of an unfinished seed's {@link #RESPONSE_PROGRESS}: items of the data written so far (beside
     * {@link #DATA_TOTAL_ITEMS}, the data's items in all).
     */
    public static final String PROGRESS_SEED_WRITTEN = "WrittenItems";
    /**
     * How long the Provider framework waits between isComplete polls. Each poll is a Lambda invocation that works
     * up to its own budget and then returns, so the interval is idle time between chunks of work: 30 s keeps that
     * small beside a chunk (minutes) while the waiter's state transitions and the framework's log lines stay few
     * (at most {@link #SEED_TOTAL_TIMEOUT_SECONDS} / 30 = 120 polls).
     */
    public static final int SEED_QUERY_INTERVAL_SECONDS = 30;
    /**
     * The Provider framework's total timeout of a seed or migration phase: one hour. CloudFormation waits at most
     * one hour for a custom resource's answer (its ServiceTimeout cannot be set higher), and the framework documents
     * one hour as its maximum, so a longer timeout (2 h) would never be reached: CloudFormation would have failed
     * the resource first, with a bare timeout instead of the framework's "Operation timed out". The interval must
     * divide it (the framework derives the number of polls from both). A poll that works its whole
     * {@link #SEED_TIME_BUDGET_SECONDS} budget takes 240 s, so the hour holds onEvent and about 12 such polls: some 13
     * invocations of seed or migration work.
     */
    public static final int SEED_TOTAL_TIMEOUT_SECONDS = 3_600;

    /** Environment: the table every function works on. */
    public static final String ENV_TABLE_NAME = "TABLE_NAME";
    /** Environment (seeder): the folder holding the Northwind CSVs (the data layer's mount). */
    public static final String ENV_DATA_DIR = "NORTHWIND_DATA_DIR";
    /** Environment (seeder): the seed time budget in seconds. */
    public static final String ENV_SEED_TIME_BUDGET = "SEED_TIME_BUDGET_SECONDS";
    /** Environment: the service name every structured log line carries (read by Powertools Logging). */
    public static final String ENV_SERVICE_NAME = "POWERTOOLS_SERVICE_NAME";
    /** The value of {@link #ENV_SERVICE_NAME}. */
    public static final String SERVICE_NAME = "northwind";

    /** Where Lambda mounts layer content: the seeder's data folder. */
    public static final String DATA_LAYER_MOUNT = "/opt";

    /** CloudFormation type of the seeding custom resource. */
    public static final String SEED_RESOURCE_TYPE = "Custom::NorthwindSeed";
    /** Custom-resource property: SHA-256 of the data the template was synthesized with. */
    public static final String PROP_DATA_CHECKSUM = "DataChecksum";
    /** Custom-resource property: the item-model version (model.ModelVersion, a hash of the item model). */
    public static final String PROP_ITEM_MODEL_VERSION = "ItemModelVersion";
    /**
     * CloudFormation type of the migration's contract phase: removes what the previous item model needed and the
     * current one does not, deployed after the functions' {@code live} aliases serve the current model.
     */
    public static final String MIGRATION_CONTRACT_RESOURCE_TYPE = "Custom::NorthwindMigrationContract";
    /**
     * Custom-resource property: which phase the resource runs. {@link #PHASE_EXPAND} on the seed resource (seed a
     * new table, or add the current model's items and attributes while keeping the old ones for old readers),
     * {@link #PHASE_CONTRACT} on the contract resource.
     */
    public static final String PROP_PHASE = "Phase";
    /** {@link #PROP_PHASE} of the seed resource ({@link #SEED_RESOURCE_TYPE}). */
    public static final String PHASE_EXPAND = "expand";
    /** {@link #PROP_PHASE} of the contract resource ({@link #MIGRATION_CONTRACT_RESOURCE_TYPE}). */
    public static final String PHASE_CONTRACT = "contract";
    /**
     * Partition prefix of a migration's checkpoint item ({@code _MIGRATION#<name>}): the only partitions the seeder
     * functions may update items of (an IAM {@code dynamodb:LeadingKeys} condition).
     */
    public static final String MIGRATION_CHECKPOINT_PK_PREFIX = TableSchema.BOOKKEEPING_PREFIX + "MIGRATION#";
    /** Custom-resource property: "once" (default: never touch a seeded table) or "converge" (rebuild from the CSVs). */
    public static final String PROP_SEED_MODE = "SeedMode";
    /** Custom-resource property: "true" lets a seed delete more than a small share of the table. */
    public static final String PROP_ALLOW_MASS_DELETE = "AllowMassDelete";
    /** Custom-resource property: the table to seed (a replaced table has a new name, which re-seeds). */
    public static final String PROP_TABLE_NAME = "TableName";

    /** Key of the seeder's answer {@code Data}: total items written (a string, as CloudFormation wants). */
    public static final String DATA_TOTAL_ITEMS = "TotalItems";
    /** Key of the seeder's answer {@code Data}: stale items deleted. */
    public static final String DATA_DELETED_ITEMS = "DeletedItems";
    /** Data key: "true" when the table had been seeded before and was left alone (SeedMode once). */
    public static final String DATA_SKIPPED = "Skipped";
    /**
     * Data key: "true" when the seed or the migration phase is complete (isComplete keeps polling until then). onEvent
     * answers "false" for a seed it left unfinished (its budget ran out): every isComplete poll continues that seed
     * from its checkpoint, and the completing poll's Data replaces onEvent's.
     */
    public static final String DATA_COMPLETE = "Complete";
    /** Key of the seeder's answer {@code Data}: the checksum of the data seeded. */
    public static final String DATA_CHECKSUM = "DataChecksum";
    /** Prefix of the per-type counts in the seeder's answer {@code Data} ({@code ItemsOrder}, ...). */
    public static final String DATA_ITEMS_PREFIX = "Items";

    /** The seeder's Lambda timeout (5 minutes). */
    public static final int SEEDER_TIMEOUT_SECONDS = 300;
    /**
     * The time budget of one seeder invocation (onEvent, and every isComplete poll): below
     * {@link #SEEDER_TIMEOUT_SECONDS} by two bounded DynamoDB calls (the last write in flight, then the checkpoint)
     * and the answer, so a seed that needs longer stops at its checkpoint and the next poll continues it, and a stuck
     * one fails with its own reason.
     */
    public static final int SEED_TIME_BUDGET_SECONDS = 240;
    /** The query function's Lambda timeout. */
    public static final int QUERY_TIMEOUT_SECONDS = 10;
    /**
     * The command function's Lambda timeout: longer than the query's, because a command whose conditioned write
     * lost a race reads and writes again (optimistic retries with backoff), each DynamoDB call bounded on its own.
     */
    public static final int COMMAND_TIMEOUT_SECONDS = 15;

    /**
     * Longest failure reason the seeder hands to the Provider framework. The framework's response to
     * CloudFormation is limited to 4,096 bytes, the reason included, and it appends a log-group note; a
     * longer reason would make the response itself fail and leave the stack waiting.
     */
    public static final int MAX_FAILURE_REASON_CHARS = 1_000;

    private FunctionContract() {
    }

    /** The class part of a {@code Class::method} handler string. */
    public static String handlerClass(String handler) {
        int sep = handler.indexOf("::");
        return sep < 0 ? handler : handler.substring(0, sep);
    }
}
