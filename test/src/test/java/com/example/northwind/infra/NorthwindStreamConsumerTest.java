package com.example.northwind.infra;

import static com.example.northwind.infra.NorthwindSeederTest.assertNoWildcard;
import static com.example.northwind.infra.NorthwindSeederTest.logWriteStatement;
import static com.example.northwind.infra.NorthwindSeederTest.roleOf;
import static com.example.northwind.infra.NorthwindSeederTest.statementsOfRole;
import static com.example.northwind.infra.TemplateJson.dataStackOutputReference;
import static com.example.northwind.infra.TemplateJson.getAtt;
import static com.example.northwind.infra.TemplateJson.onlyResource;
import static com.example.northwind.infra.TemplateJson.onlyResourceId;
import static com.example.northwind.infra.TemplateJson.properties;
import static com.example.northwind.infra.TemplateJson.ref;
import static com.example.northwind.infra.TemplateJson.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.model.StreamSources;
import com.example.northwind.schema.FunctionContract;
import com.example.northwind.testsupport.SynthesizedApp;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.s3.Bucket;

/**
 * The stream consumer of the service stack: the table's stream, the function and its SnapStart alias, the event source
 * mapping with every setting, its filters (exactly {@link StreamSources#FILTER_PATTERNS}), the encrypted failure queue,
 * a role with exactly the statements it needs, its alarms, and that the mapping exists before the seed runs.
 */
class NorthwindStreamConsumerTest {
    private static final String MAPPING = "AWS::Lambda::EventSourceMapping";

    private static SynthesizedApp.Synth synth;
    private static Template service;
    private static String tableId;
    private static String functionId;
    private static Map<String, Object> function;
    private static String aliasId;
    private static String queueId;
    private static String mappingId;
    private static Map<String, Object> mapping;

    @BeforeAll
    static void synthesize() {
        synth = SynthesizedApp.defaults();
        service = synth.service();
        tableId = onlyResourceId(synth.data(), "AWS::DynamoDB::Table");
        var found = onlyResource(service, "AWS::Lambda::Function", Map.of("Handler", FunctionContract.STREAM_HANDLER));
        functionId = found.getKey();
        function = properties(found.getValue());
        aliasId = onlyResource(service, "AWS::Lambda::Alias", Map.of("FunctionName", ref(functionId))).getKey();
        queueId = onlyResourceId(service, "AWS::SQS::Queue");
        mappingId = onlyResourceId(service, MAPPING);
        mapping = properties(service.findResources(MAPPING).get(mappingId));
    }

    @Test
    void table_streamsNewAndOldImages() {
        // GIVEN the data stack / WHEN the table's stream specification is read
        // THEN every change carries the item before and after it (the consumer applies the difference)
        synth.data().hasResourceProperties("AWS::DynamoDB::Table", Map.of("StreamSpecification",
                Match.objectEquals(Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"))));
    }

    @Test
    void consumer_runsJava21OnArm64WithSnapStartBehindLive_andPowertoolsEnvironment() {
        // GIVEN the function whose handler is the contract's StreamHandler / WHEN its configuration is read
        // THEN shaped like the query and command functions: java21, arm64, SnapStart on published versions, the
        // table's name and the log service name, JSON logs at INFO, a bounded timeout
        assertEquals("com.example.northwind.stream.StreamHandler::handleRequest", NorthwindStreamConsumer.HANDLER);
        assertEquals("java21", function.get("Runtime"));
        assertEquals(List.of("arm64"), function.get("Architectures"));
        assertEquals(Map.of("ApplyOn", "PublishedVersions"), function.get("SnapStart"));
        assertEquals(NorthwindStreamConsumer.TIMEOUT_SECONDS, ((Number) function.get("Timeout")).intValue());
        assertEquals(Map.of("Variables", Map.of(
                        FunctionContract.ENV_TABLE_NAME, dataStackOutputReference(synth.data(), ref(tableId)),
                        FunctionContract.ENV_SERVICE_NAME, FunctionContract.SERVICE_NAME)),
                function.get("Environment"));
        @SuppressWarnings("unchecked")
        Map<String, Object> logging = (Map<String, Object>) function.get("LoggingConfig");
        assertEquals("JSON", logging.get("LogFormat"));
        assertEquals("INFO", logging.get("ApplicationLogLevel"));
        service.hasResourceProperties("AWS::Lambda::Alias", Match.objectLike(Map.of(
                "Name", "live", "FunctionName", ref(functionId))));
    }

    @Test
    void mapping_readsTheTablesStreamIntoTheLiveAlias_withEverySetting() {
        // GIVEN the one event source mapping of the service stack
        // WHEN / THEN it reads the data stack's table stream (a strong cross-stack reference) from TRIM_HORIZON ...
        assertEquals(dataStackOutputReference(synth.data(), getAtt(tableId, "StreamArn")), mapping.get("EventSourceArn"));
        assertEquals("TRIM_HORIZON", mapping.get("StartingPosition"));
        // ... into the live alias (the SnapStart version), never $LATEST
        // (CDK names it <function name of the alias's ARN>:live)
        assertEquals(Map.of("Fn::Join", List.of("", List.of(Map.of("Fn::Select", List.of(6,
                Map.of("Fn::Split", List.of(":", ref(aliasId))))), ":live"))), mapping.get("FunctionName"));
        // ... answering partial failures, bisecting a failing batch, with bounded retries and record age ...
        assertEquals(List.of("ReportBatchItemFailures"), mapping.get("FunctionResponseTypes"));
        assertEquals(true, mapping.get("BisectBatchOnFunctionError"));
        assertEquals(NorthwindStreamConsumerProps.DEFAULT_RETRY_ATTEMPTS, number("MaximumRetryAttempts"));
        assertEquals(NorthwindStreamConsumerProps.DEFAULT_MAX_RECORD_AGE_HOURS * 3600, number("MaximumRecordAgeInSeconds"));
        assertTrue(number("MaximumRetryAttempts") >= 0 && number("MaximumRecordAgeInSeconds") > 0, "unbounded");
        assertTrue(number("MaximumRecordAgeInSeconds") < 24 * 3600, "the age leaves no time to replay before the stream trims");
        // ... the batch size, batching window and parallelization factor of docs/derived-data.md ...
        assertEquals(500, number("BatchSize"));
        assertEquals(1, number("MaximumBatchingWindowInSeconds"));
        assertEquals(1, number("ParallelizationFactor"));
        // ... and discarded batches described in the failure queue
        assertEquals(Map.of("OnFailure", Map.of("Destination", getAtt(queueId, "Arn"))), mapping.get("DestinationConfig"));
        assertFalse(mapping.containsKey("TumblingWindowInSeconds"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void mapping_filtersAreExactlyTheStreamSourcesPatterns() {
        // GIVEN the mapping's filter criteria / WHEN its patterns are read
        List<Object> patterns = ((List<Map<String, Object>>) ((Map<String, Object>) mapping.get("FilterCriteria"))
                .get("Filters")).stream().map(f -> f.get("Pattern")).map(Object.class::cast).toList();

        // THEN they are the model's patterns, text for text, in order (none on eventName)
        assertEquals(StreamSources.FILTER_PATTERNS, patterns);
        patterns.forEach(p -> assertFalse(p.toString().contains("eventName"), p.toString()));
    }

    @Test
    void failureQueue_isEncryptedKeptFourteenDaysAndRefusesPlainHttp() {
        // GIVEN the failure queue / WHEN its properties and policy are read
        Map<String, Object> queue = service.findResources("AWS::SQS::Queue").get(queueId);

        // THEN SQS-managed encryption by default, 14 days' retention (SQS's maximum) ...
        assertEquals(Map.of("MessageRetentionPeriod", 14 * 24 * 3600, "SqsManagedSseEnabled", true), properties(queue));
        // ... and a policy denying every request that is not over TLS
        service.hasResourceProperties("AWS::SQS::QueuePolicy", Match.objectLike(Map.of(
                "Queues", List.of(ref(queueId)),
                "PolicyDocument", Match.objectLike(Map.of("Statement", List.of(Map.of(
                        "Action", "sqs:*", "Effect", "Deny", "Principal", Map.of("AWS", "*"),
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")),
                        "Resource", getAtt(queueId, "Arn"))))))));
    }

    @Test
    void consumerRole_mayReadTheStream_writeOnlyItsOwnPartitions_andSendFailures_nothingElse() {
        // GIVEN the statements of the consumer's role
        String role = roleOf(function);
        List<Map<String, Object>> statements = statementsOfRole(service, role);

        // WHEN / THEN exactly: its logs; the four stream reads on the stream's ARN (ListStreams too: never on *);
        // point reads and item writes on the table's ARN for partitions starting with an owned prefix only; for the
        // listed stock, point reads of products and stock shards and puts of products' items; SendMessage to its
        // failure queue (CDK lists actions sorted within a statement it merged)
        Object tableArn = dataStackOutputReference(synth.data(), getAtt(tableId, "Arn"));
        Object streamArn = dataStackOutputReference(synth.data(), getAtt(tableId, "StreamArn"));
        List<String> owned = StreamSources.OWNED_PARTITION_PREFIXES.stream().map(p -> p + "*").toList();
        assertEquals(Set.of(
                logWriteStatement(function),
                Map.of("Action", List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
                                "dynamodb:ListStreams"),
                        "Effect", "Allow", "Resource", streamArn),
                Map.of("Action", List.of("dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:DeleteItem",
                                "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"),
                        "Condition", Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", owned)),
                        "Effect", "Allow", "Resource", tableArn),
                // the listed stock: reads of products and their stock shards, writes of the products' own items
                Map.of("Action", List.of("dynamodb:BatchGetItem", "dynamodb:GetItem"),
                        "Condition", Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("PRODUCT#*", "STOCK#*"))),
                        "Effect", "Allow", "Resource", tableArn),
                Map.of("Action", List.of("dynamodb:DeleteItem", "dynamodb:PutItem"),
                        "Condition", Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("PRODUCT#*"))),
                        "Effect", "Allow", "Resource", tableArn),
                Map.of("Action", "sqs:SendMessage", "Effect", "Allow", "Resource", getAtt(queueId, "Arn"))),
                Set.copyOf(statements));
        assertEquals(6, statements.size());
        // AND no Scan, no Query, no wildcard action or resource anywhere, no managed policy
        statements.forEach(s -> assertNoWildcard(s, "stream consumer role"));
        statements.forEach(s -> strings(s.get("Action")).forEach(a -> assertFalse(
                a.equals("dynamodb:Scan") || a.equals("dynamodb:Query") || a.startsWith("dynamodb:BatchWrite"), a)));
        assertFalse(properties(service.findResources("AWS::IAM::Role").get(role)).containsKey("ManagedPolicyArns"));
        assertTrue(owned.stream().allMatch(p -> p.endsWith("*") && p.length() > 1), owned.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void mapping_existsBeforeTheSeed_andOnlyOnceTheRoleHoldsItsPermissions() {
        // GIVEN the seed/expand resource, the mapping, and the role's policy
        String seedId = onlyResourceId(service, FunctionContract.SEED_RESOURCE_TYPE);
        String policyId = service.findResources("AWS::IAM::Policy").entrySet().stream()
                .filter(e -> ((List<Object>) properties(e.getValue()).get("Roles")).contains(ref(roleOf(function))))
                .map(Map.Entry::getKey).findFirst().orElseThrow();

        // WHEN their DependsOn is read
        List<Object> seedAfter = (List<Object>) service.findResources(FunctionContract.SEED_RESOURCE_TYPE).get(seedId).get("DependsOn");
        List<Object> mappingAfter = (List<Object>) service.findResources(MAPPING).get(mappingId).get("DependsOn");

        // THEN the seed (and a migration's expand phase, and with it its backfill) runs only once the mapping reads the
        // stream, and the mapping is created once the role may read the stream and send to the queue
        assertTrue(seedAfter.contains(mappingId), seedId + " DependsOn " + seedAfter);
        assertTrue(mappingAfter.contains(policyId), mappingId + " DependsOn " + mappingAfter);
    }

    @Test
    void alarms_watchTheConsumersLagFailedBatchesAndErrors() {
        // GIVEN the service stack's alarms
        // WHEN / THEN IteratorAge (maximum) above 60 s ...
        service.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", "AWS/Lambda", "MetricName", "IteratorAge", "Statistic", "Maximum",
                "Threshold", 60_000, "ComparisonOperator", "GreaterThanThreshold",
                "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", ref(functionId))))));
        // ... any message visible in the failure queue ...
        service.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", "AWS/SQS", "MetricName", "ApproximateNumberOfMessagesVisible", "Statistic", "Maximum",
                "Threshold", 1, "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value", getAtt(queueId, "QueueName"))))));
        // ... and any error or throttle of the consumer
        for (String metric : List.of("Errors", "Throttles")) {
            service.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                    "Namespace", "AWS/Lambda", "MetricName", metric, "Statistic", "Sum", "Threshold", 1,
                    "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", ref(functionId))))));
        }
    }

    @Test
    void serviceStack_outputsTheConsumersFunctionNameAndFailureQueue() {
        // GIVEN the service stack / WHEN its outputs are read / THEN the consumer's name and the queue to read
        service.hasOutput("StreamConsumerFunctionName", Match.objectEquals(Map.of("Value", ref(functionId))));
        service.hasOutput("StreamFailureQueueUrl", Match.objectEquals(Map.of("Value", ref(queueId))));
    }

    @Test
    void failureQueue_usesTheServiceKey_andTheRoleMayEncryptWithIt_whenKeysAreCustomerManaged() {
        // GIVEN the stacks with customer-managed keys (the table's key in the data stack, the service key here)
        App app = new App();
        var data = new NorthwindDataStack(app, "Data", NorthwindDataStackProps.builder().customerManagedKey(true).build());
        var serviceStack = new NorthwindServiceStack(app, "Service",
                NorthwindServiceStackTest.props(data).customerManagedKey(true).build());
        Template dataTemplate = Template.fromStack(data);
        Template template = Template.fromStack(serviceStack);
        String serviceKey = onlyResourceId(template, "AWS::KMS::Key");
        String queue = onlyResourceId(template, "AWS::SQS::Queue");

        // WHEN / THEN the queue is under the service key ...
        template.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "KmsMasterKeyId", getAtt(serviceKey, "Arn"), "MessageRetentionPeriod", 14 * 24 * 3600)));
        // ... and the role may GenerateDataKey/Decrypt with it (to send), and Decrypt/Encrypt/GenerateDataKey with the
        // table's key (the stream and the items are under it): named actions, no kms:ReEncrypt*, no wildcard
        Map<String, Object> consumer = properties(onlyResource(template, "AWS::Lambda::Function",
                Map.of("Handler", FunctionContract.STREAM_HANDLER)).getValue());
        List<Map<String, Object>> statements = statementsOfRole(template, roleOf(consumer));
        Object tableKeyArn = dataStackOutputReference(dataTemplate, getAtt(onlyResourceId(dataTemplate, "AWS::KMS::Key"), "Arn"));
        assertTrue(statements.contains(Map.of("Action", List.of("kms:GenerateDataKey", "kms:Decrypt"), "Effect", "Allow",
                "Resource", getAtt(serviceKey, "Arn"))), statements.toString());
        assertTrue(statements.contains(Map.of("Action", List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"),
                "Effect", "Allow", "Resource", tableKeyArn)), statements.toString());
        assertEquals(8, statements.size(), statements.toString());
        statements.forEach(s -> assertNoWildcard(s, "stream consumer role"));
        assertTrue(queue.startsWith("StreamConsumerFailureQueue"), queue);
    }

    @Test
    void consumer_refusesATableWithoutAStream() {
        // GIVEN a table without a stream
        Stack stack = new Stack(new App(), "NoStream");
        Table table = Table.Builder.create(stack, "Table")
                .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build()).build();

        // WHEN a consumer is built on it / THEN it is refused, naming the table
        Code code = Code.fromBucket(Bucket.fromBucketName(stack, "Bucket", "code-bucket"), "stream.jar");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NorthwindStreamConsumer(
                stack, "Consumer", NorthwindStreamConsumerProps.of(NorthwindFunctionProps.of(table, code))));
        assertTrue(e.getMessage().contains("NoStream/Table") && e.getMessage().contains("no stream"), e.getMessage());
    }

    @Test
    void props_refuseUnboundedOrOutOfRangeSettings() {
        // GIVEN function props / WHEN a setting is out of Lambda's range or unbounded / THEN refused, naming it
        NorthwindFunctionProps fn = NorthwindFunctionProps.of(Table.fromTableName(new Stack(new App(), "S"), "T", "t"),
                Code.fromInline("x"));
        Map<String, Runnable> bad = Map.of(
                "batchSize", () -> new NorthwindStreamConsumerProps(fn, null, 0, null, null, null, null),
                "maxBatchingWindow", () -> new NorthwindStreamConsumerProps(fn, null, null, Duration.seconds(301), null, null, null),
                "retryAttempts", () -> new NorthwindStreamConsumerProps(fn, null, null, null, -1, null, null),
                "maxRecordAge", () -> new NorthwindStreamConsumerProps(fn, null, null, null, null, Duration.hours(25), null),
                "parallelizationFactor", () -> new NorthwindStreamConsumerProps(fn, null, null, null, null, null, 11));
        bad.forEach((name, build) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run, name);
            assertTrue(e.getMessage().contains(name), e.getMessage());
        });
        // AND the defaults are within range
        NorthwindStreamConsumerProps defaults = NorthwindStreamConsumerProps.of(fn);
        assertEquals(List.of(500, 1L, 10, 21600L, 1), List.of(defaults.batchSize(),
                defaults.maxBatchingWindow().toSeconds().longValue(), defaults.retryAttempts(),
                defaults.maxRecordAge().toSeconds().longValue(), defaults.parallelizationFactor()));
    }

    private static int number(String property) {
        return ((Number) mapping.get(property)).intValue();
    }
}
