package com.example.northwind.infra;

import com.example.northwind.schema.FunctionContract;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The stateless stack: the seeder, the query function and the command function working on the table of the data
 * stack, the stream consumer keeping the derived items from the table's stream, the HTTP API in front of the query
 * and command functions, and the alarms on the functions, the consumer, the table and the API.
 *
 * <p>A deploy that changes the item model migrates the live table in three steps that CloudFormation orders through
 * dependencies: the seeder's expand phase ({@value FunctionContract#SEED_RESOURCE_TYPE}), then the query and command
 * functions' {@code live} aliases switch to the new versions, then the contract phase
 * ({@value FunctionContract#MIGRATION_CONTRACT_RESOURCE_TYPE}). The stack depends on the data stack (it imports the
 * table), so an index the data stack adds is ACTIVE before the expand phase runs.
 */
public class NorthwindServiceStack extends Stack {
    private final NorthwindSeeder seeder;
    private final NorthwindQueryFunction query;
    private final NorthwindCommandFunction command;
    private final NorthwindStreamConsumer streamConsumer;
    private final NorthwindAlarms alarms;
    private final NorthwindHttpApi api;

    public NorthwindServiceStack(Construct scope, String id, NorthwindServiceStackProps props) {
        super(scope, id, props.withDefaults(
                "Northwind single-table design: seeder, query, command and stream-consumer Lambdas (stateless)", false));
        Key key = props.isCustomerManagedKey() ? operationsKey() : null;

        this.seeder = new NorthwindSeeder(this, "Seeder", new NorthwindSeederProps(
                NorthwindFunctionProps.of(props.getTable(), props.getSeederCode()).withLogEncryption(key),
                props.getDataDir()));
        this.query = new NorthwindQueryFunction(this, "Query",
                NorthwindFunctionProps.of(props.getTable(), props.getQueryCode()).withLogEncryption(key));
        this.command = new NorthwindCommandFunction(this, "Command",
                NorthwindFunctionProps.of(props.getTable(), props.getCommandCode()).withLogEncryption(key));
        this.streamConsumer = new NorthwindStreamConsumer(this, "StreamConsumer", NorthwindStreamConsumerProps.of(
                NorthwindFunctionProps.of(props.getTable(), props.getStreamCode()).withLogEncryption(key))
                .withFailureQueueKey(key));

        // The migration's order (expand -> switch -> contract), as CloudFormation dependencies: the aliases move to the
        // new versions only once the expand phase is complete (until then they serve the old versions, which read the
        // old items the expand phase keeps), and the contract phase removes old items only once both aliases serve
        // the new versions, so no old reader is live. A new version is published before the switch, unserved.
        query.getAlias().getNode().addDependency(seeder.getResource());
        command.getAlias().getNode().addDependency(seeder.getResource());
        seeder.getContractResource().getNode().addDependency(query.getAlias(), command.getAlias());
        // The stream consumer reads from the stream before the seed or a migration writes: the mapping exists first,
        // so the seed's records and a backfill's are consumed (TRIM_HORIZON also reaches the last 24 hours).
        seeder.getResource().getNode().addDependency(streamConsumer.getEventSourceMapping());

        // The HTTP API invokes the aliases, as direct callers do: the SnapStart versions, switched by the migration.
        this.api = new NorthwindHttpApi(this, "Api", NorthwindHttpApiProps.of(query.getAlias(), command.getAlias())
                .withLogEncryption(key)
                .withJwt(props.getJwt())
                .withCorsOrigins(props.getCorsOrigins()));

        this.alarms = new NorthwindAlarms(this, "Alarms", new NorthwindAlarmsProps(alarmTopic(props, key)));
        alarms.watchFunction("Query", query.getFunction());
        alarms.watchFunction("Command", command.getFunction());
        alarms.watchTable("Table", props.getTable());
        alarms.watchHttpApi("Api", api.getApi());
        alarms.watchStreamConsumer("StreamConsumer", streamConsumer.getFunction(), streamConsumer.getFailureQueue());

        CfnOutput.Builder.create(this, "QueryFunctionName").value(query.getFunction().getFunctionName()).build();
        CfnOutput.Builder.create(this, "QueryAliasArn").value(query.getAlias().getFunctionArn()).build();
        CfnOutput.Builder.create(this, "CommandFunctionName").value(command.getFunction().getFunctionName()).build();
        CfnOutput.Builder.create(this, "CommandAliasArn").value(command.getAlias().getFunctionArn()).build();
        CfnOutput.Builder.create(this, "SeededItems").value(seeder.getSeededItems()).build();
        CfnOutput.Builder.create(this, "HttpApiUrl").value(api.getUrl())
                .description("The HTTP API (SigV4, service execute-api): GET <url>patterns/<pattern>, POST <url>commands/<command>")
                .build();
        CfnOutput.Builder.create(this, "StreamConsumerFunctionName").value(streamConsumer.getFunction().getFunctionName()).build();
        CfnOutput.Builder.create(this, "StreamFailureQueueUrl").value(streamConsumer.getFailureQueue().getQueueUrl()).build();
    }

    public NorthwindSeeder getSeeder() {
        return seeder;
    }

    public NorthwindQueryFunction getQuery() {
        return query;
    }

    public NorthwindCommandFunction getCommand() {
        return command;
    }

    public NorthwindStreamConsumer getStreamConsumer() {
        return streamConsumer;
    }

    public NorthwindAlarms getAlarms() {
        return alarms;
    }

    /** The HTTP API in front of the query and command functions. */
    public NorthwindHttpApi getApi() {
        return api;
    }

    /**
     * The customer-managed key of the logs, the alarm topic and the stream consumer's failure queue: CloudWatch Logs
     * and CloudWatch may use it (the consumer's role gets its own grant on it).
     */
    private Key operationsKey() {
        Key key = Key.Builder.create(this, "OperationsKey")
                .description("Encrypts the Northwind service's log groups, alarm topic and stream failure queue")
                .enableKeyRotation(true)
                .build();
        key.grantEncryptDecrypt(new ServicePrincipal("logs." + getRegion() + ".amazonaws.com"));
        key.grantEncryptDecrypt(new ServicePrincipal("cloudwatch.amazonaws.com"));
        GuardReasons.keyGrantsByAccountPolicy(key);
        return key;
    }

    private ITopic alarmTopic(NorthwindServiceStackProps props, Key key) {
        if (!props.isAlarmTopic()) {
            return null;
        }
        Topic topic = Topic.Builder.create(this, "AlarmTopic")
                .displayName("Northwind alarms")
                .enforceSsl(true)
                .masterKey(key)
                .build();
        if (key == null) {
            NagSuppressions.addResourceSuppressions(topic, List.of(NagPackSuppression.builder()
                    .id("AwsSolutions-SNS2")
                    .reason("CloudWatch alarms cannot publish to a topic under the AWS managed SNS key; the topic "
                            + "carries alarm state only. With -c customerManagedKeys=true it uses the service key.")
                    .build()));
        }
        if (props.getAlarmEmail() != null) {
            topic.addSubscription(new EmailSubscription(props.getAlarmEmail()));
        }
        return topic;
    }
}
