package com.example.northwind.infra;

import com.example.northwind.model.StreamSources;
import com.example.northwind.schema.FunctionContract;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.EventSourceMapping;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IAlias;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The stream consumer: the stream-lambda function ({@link FunctionContract#STREAM_HANDLER}) reading the table's stream
 * through an event source mapping on its {@code live} alias, and keeping the derived items (docs/derived-data.md).
 *
 * <p>The mapping ({@link DynamoEventSource}): TRIM_HORIZON (a new mapping also sees the last 24 hours, the seed's and
 * a migration's records among them); partial batch responses ({@code batchItemFailures}: a retry starts at the first
 * record not done); a failing batch bisected; bounded retries and record age, after which the batch's description
 * goes to an encrypted SQS failure queue kept 14 days; filters from {@link StreamSources#FILTER_PATTERNS} so only the
 * item kinds the derived data comes from invoke it; batch size, batching window and parallelization factor from
 * {@link NorthwindStreamConsumerProps} (their reasons: docs/derived-data.md, "Deployment and settings").
 *
 * <p>Least privilege, stated explicitly: the function runs under a role CDK's automatic grants cannot extend
 * ({@code withoutPolicyUpdates}: {@code grantStreamRead} would add {@code dynamodb:ListStreams} on {@code *}, the
 * queue's grant {@code kms:ReEncrypt*}/{@code kms:GenerateDataKey*}), and this construct adds exactly what it needs:
 * its logs, the stream on the stream's ARN, the items it owns ({@link NorthwindTableGrants#grantStreamConsumerAccess}),
 * SendMessage to the failure queue (and the queue key's GenerateDataKey/Decrypt). The mapping is created only once the
 * role holds them (Lambda checks the stream and destination permissions when it creates a mapping).
 */
public class NorthwindStreamConsumer extends Construct {
    public static final String HANDLER = FunctionContract.STREAM_HANDLER;
    public static final String ALIAS_NAME = JavaFunctions.LIVE_ALIAS;
    /** A batch's work (conditional writes of the coalesced aggregates), with room for the SDK's retries. */
    public static final int TIMEOUT_SECONDS = 60;
    /** How long the failure queue keeps a discarded batch's record: SQS's maximum. */
    public static final Duration FAILURE_RETENTION = Duration.days(14);

    private final Function function;
    private final Alias alias;
    private final Queue failureQueue;
    private final Role role;
    private final EventSourceMapping eventSourceMapping;

    public NorthwindStreamConsumer(Construct scope, String id, NorthwindStreamConsumerProps props) {
        super(scope, id);
        ITable table = props.function().table();
        NorthwindTableGrants.streamArnOf(table); // validated before anything is built
        LogGroup logs = JavaFunctions.logGroup(this, "Logs", props.function());
        this.role = LambdaRoles.writingTo(this, "Role", logs);
        this.function = JavaFunctions.create(this, props.function(), new JavaFunctions.Spec(
                "Keeps the Northwind derived items (sales aggregates) from the table's stream, each change once",
                HANDLER, 1024, TIMEOUT_SECONDS, Map.of(), List.of(), true), logs, role.withoutPolicyUpdates());
        this.alias = JavaFunctions.liveAlias(this, function);

        this.failureQueue = Queue.Builder.create(this, "FailureQueue")
                .encryption(props.failureQueueKey() != null ? QueueEncryption.KMS : QueueEncryption.SQS_MANAGED)
                .encryptionMasterKey(props.failureQueueKey())
                .retentionPeriod(FAILURE_RETENTION)
                .enforceSsl(true)
                // Records of discarded batches (stream positions to replay from): operational, not data.
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        NagReasons.failureDestinationQueue(failureQueue);
        GuardReasons.failureDestinationQueue(failureQueue);

        NorthwindTableGrants.grantStreamConsumerAccess(table, role);
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(failureQueue.getQueueArn()))
                .build());
        if (props.failureQueueKey() != null) {
            role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                    .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                    .resources(List.of(props.failureQueueKey().getKeyArn()))
                    .build());
        }

        DynamoEventSource source = DynamoEventSource.Builder.create(table)
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .batchSize(props.batchSize())
                .maxBatchingWindow(props.maxBatchingWindow())
                .parallelizationFactor(props.parallelizationFactor())
                .reportBatchItemFailures(true)
                .bisectBatchOnError(true)
                .retryAttempts(props.retryAttempts())
                .maxRecordAge(props.maxRecordAge())
                .onFailure(new SqsDlq(failureQueue))
                // The patterns as they are (JSON text): FilterCriteria.filter would serialize a map of rules instead.
                .filters(StreamSources.FILTER_PATTERNS.stream().map(p -> Map.<String, Object>of("pattern", p)).toList())
                .build();
        alias.addEventSource(source);
        this.eventSourceMapping = onlyEventSourceMapping(alias);
        // Lambda validates the role's stream and destination permissions on CreateEventSourceMapping.
        eventSourceMapping.getNode().addDependency(role);
    }

    /** The function (unqualified). */
    public IFunction getFunction() {
        return function;
    }

    /** The {@value #ALIAS_NAME} alias the event source mapping invokes (the SnapStart version). */
    public IAlias getAlias() {
        return alias;
    }

    /** Where the mapping sends the record of a batch it gave up on (retries or record age exhausted). */
    public IQueue getFailureQueue() {
        return failureQueue;
    }

    /** The event source mapping (the table's stream → the alias). */
    public EventSourceMapping getEventSourceMapping() {
        return eventSourceMapping;
    }

    private static EventSourceMapping onlyEventSourceMapping(Alias alias) {
        List<EventSourceMapping> found = alias.getNode().getChildren().stream()
                .filter(EventSourceMapping.class::isInstance).map(EventSourceMapping.class::cast).toList();
        if (found.size() != 1) {
            throw new IllegalStateException("expected one event source mapping on " + alias.getNode().getPath()
                    + ", found " + found.stream().map(IConstruct::getNode).map(n -> n.getPath()).toList());
        }
        return found.get(0);
    }
}
