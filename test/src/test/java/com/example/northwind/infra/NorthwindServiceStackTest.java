package com.example.northwind.infra;

import static com.example.northwind.infra.TemplateJson.onlyResource;
import static com.example.northwind.infra.TemplateJson.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.schema.FunctionContract;
import com.example.northwind.testsupport.SynthesizedApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

/** Deploy safety and operability of the service stack: references, logging, alarms, stack props. */
class NorthwindServiceStackTest {

    @Test
    void templates_useStrongCrossStackReferencesOnly() {
        // GIVEN both templates of the default app
        SynthesizedApp.Synth synth = SynthesizedApp.defaults();

        // WHEN every string and key is collected / THEN no Fn::GetStackOutput (weak) anywhere ...
        for (String stack : List.of("NorthwindData", "NorthwindService")) {
            assertFalse(synth.templateJson(stack).toString().contains("Fn::GetStackOutput"), stack);
        }
        // ... and the service stack imports the table's exports
        assertTrue(synth.templateJson("NorthwindService").toString().contains("Fn::ImportValue"));
    }

    @Test
    void everyJavaFunction_logsJsonWithLevels() {
        // GIVEN the service stack's Java functions (the Provider framework's Node function aside)
        Template service = SynthesizedApp.defaults().service();
        for (String handler : List.of(FunctionContract.QUERY_HANDLER, FunctionContract.COMMAND_HANDLER,
                FunctionContract.SEEDER_HANDLER, FunctionContract.SEEDER_IS_COMPLETE_HANDLER)) {
            // WHEN its logging configuration is read / THEN Lambda's JSON format, INFO for application and system
            Map<String, Object> function = TemplateJson.properties(onlyResource(service, "AWS::Lambda::Function",
                    Map.of("Handler", handler)).getValue());
            @SuppressWarnings("unchecked")
            Map<String, Object> logging = (Map<String, Object>) function.get("LoggingConfig");
            assertEquals("JSON", logging.get("LogFormat"), handler);
            assertEquals("INFO", logging.get("ApplicationLogLevel"), handler);
            assertEquals("INFO", logging.get("SystemLogLevel"), handler);
        }
    }

    @Test
    void alarms_watchQueryAndCommandErrorsAndThrottlesAndTableThrottlesAndSystemErrors() {
        // GIVEN the default service stack
        Template service = SynthesizedApp.defaults().service();

        // WHEN / THEN the query and the command function each have Errors and Throttles alarms, ≥ 1 in 5 minutes
        for (String handler : List.of(FunctionContract.QUERY_HANDLER, FunctionContract.COMMAND_HANDLER)) {
            String function = onlyResource(service, "AWS::Lambda::Function", Map.of("Handler", handler)).getKey();
            for (String metric : List.of("Errors", "Throttles")) {
                service.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                        "Namespace", "AWS/Lambda", "MetricName", metric, "Statistic", "Sum", "Period", 300,
                        "Threshold", 1, "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                        "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", function))))));
            }
        }
        // AND the table's throttled requests and system errors, summed over the operations the app calls (the
        // command function's BatchGetItem, UpdateItem and TransactWriteItems included)
        Map<String, Map<String, Object>> alarms = service.findResources("AWS::CloudWatch::Alarm");
        // 6 on the functions and the table, 2 on the HTTP API (issue #23; asserted in NorthwindHttpApiTest), and the
        // stream consumer's four (NorthwindStreamConsumerTest)
        assertEquals(12, alarms.size(), alarms.keySet().toString());
        String all = alarms.toString();
        assertTrue(all.contains("ThrottledRequests") && all.contains("SystemErrors"), all);
        for (String operation : List.of("GetItem", "Query", "BatchWriteItem", "Scan", "BatchGetItem", "UpdateItem",
                "TransactWriteItems")) {
            assertTrue(strings(alarms).contains(operation), operation + " not watched: " + all);
        }
        // AND without a topic asked for, no SNS topic and no alarm actions
        service.resourceCountIs("AWS::SNS::Topic", 0);
        alarms.values().forEach(a -> assertFalse(TemplateJson.properties(a).containsKey("AlarmActions")));
    }

    @Test
    void alarms_notifyTopicWithEmail_whenAlarmEmailIsGiven() {
        // GIVEN a service stack built with an alarm e-mail
        App app = new App();
        var data = new NorthwindDataStack(app, "Data", NorthwindDataStackProps.builder().build());
        var service = new NorthwindServiceStack(app, "Service", props(data).alarmEmail("ops@example.com").build());

        // WHEN synthesized
        Template template = Template.fromStack(service);

        // THEN one topic, SSL-only, with the address subscribed, and every alarm notifies it
        template.resourceCountIs("AWS::SNS::Topic", 1);
        String topic = TemplateJson.onlyResourceId(template, "AWS::SNS::Topic");
        template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "ops@example.com"));
        template.findResources("AWS::CloudWatch::Alarm").values().forEach(a -> assertEquals(
                List.of(Map.of("Ref", topic)), TemplateJson.properties(a).get("AlarmActions")));
    }

    @Test
    void stackProps_areTheCallersToSet() {
        // GIVEN stacks built with an environment, a stack name and explicit termination protection
        App app = new App();
        Environment env = Environment.builder().account("123456789012").region("eu-west-1").build();
        var data = new NorthwindDataStack(app, "Data", NorthwindDataStackProps.builder()
                .stackProps(StackProps.builder().env(env).terminationProtection(false).build()).build());
        var service = new NorthwindServiceStack(app, "Service", props(data)
                .stackProps(StackProps.builder().env(env).stackName("nw-service").build()).build());

        // WHEN / THEN they carry them (the production default of termination protection yields to the caller)
        assertEquals("eu-west-1", data.getRegion());
        assertEquals(Boolean.FALSE, data.getTerminationProtection());
        assertEquals("123456789012", service.getAccount());
        assertEquals("nw-service", service.getStackName());
    }

    @Test
    void functionsGetCodeFromProps_notFromTheWorkingFolder() {
        // GIVEN a service stack whose functions' code is an S3 object (no jar is looked up anywhere)
        App app = new App();
        var data = new NorthwindDataStack(app, "Data", NorthwindDataStackProps.builder().build());
        var service = new NorthwindServiceStack(app, "Service", props(data).build());

        // WHEN synthesized / THEN the query and the command function run exactly that code
        Template template = Template.fromStack(service);
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", FunctionContract.QUERY_HANDLER,
                "Code", Map.of("S3Bucket", "code-bucket", "S3Key", "query.jar"))));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", FunctionContract.COMMAND_HANDLER,
                "Code", Map.of("S3Bucket", "code-bucket", "S3Key", "command.jar"))));
    }

    @Test
    void serviceStack_describesItsFourFunctions() {
        // GIVEN the default app / WHEN the service stack's description is read
        String description = SynthesizedApp.defaults().stacks().service().getTemplateOptions().getDescription();

        // THEN it names the seeder, the query, the command and the stream-consumer Lambdas, and that the stack is stateless
        assertEquals("Northwind single-table design: seeder, query, command and stream-consumer Lambdas (stateless)",
                description);
    }

    @Test
    void serviceProps_requireTheCommandCode() {
        // GIVEN service stack props without the command function's code
        App app = new App();
        var data = new NorthwindDataStack(app, "Data", NorthwindDataStackProps.builder().build());

        // WHEN they are built / THEN they are refused, naming what is missing
        NullPointerException e = org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
                () -> props(data).commandCode(null).build());
        assertTrue(e.getMessage().contains("commandCode"), e.getMessage());
    }

    @Test
    void serviceProps_requireTheStreamConsumersCode() {
        // GIVEN service stack props without the stream consumer's code
        App app = new App();
        var data = new NorthwindDataStack(app, "Data", NorthwindDataStackProps.builder().build());

        // WHEN they are built / THEN they are refused, naming what is missing
        NullPointerException e = org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
                () -> props(data).streamCode(null).build());
        assertTrue(e.getMessage().contains("streamCode"), e.getMessage());
    }

    /** Props with every function's code an S3 object (nothing looked up in the working folder). */
    static NorthwindServiceStackProps.Builder props(NorthwindDataStack data) {
        IBucket bucket = Bucket.fromBucketName(new Stack((software.constructs.Construct) data.getNode().getScope(), "Code"), "Bucket", "code-bucket");
        return NorthwindServiceStackProps.builder()
                .table(data.getTable())
                .queryCode(Code.fromBucket(bucket, "query.jar"))
                .commandCode(Code.fromBucket(bucket, "command.jar"))
                .seederCode(Code.fromBucket(bucket, "seeder.jar"))
                .streamCode(Code.fromBucket(bucket, "stream.jar"))
                .dataDir(com.example.northwind.schema.NorthwindData.locate());
    }
}
