package com.example.northwind.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.constructs.IConstruct;

/**
 * The AWS Control Tower proactive controls (run by cfn-guard over the synthesized templates) this app does
 * not meet, each with its reason, recorded on the one resource it concerns as template metadata
 * {@value #METADATA_KEY}: a list of {@code {"control": "CT.X.PR.n", "reason": "..."}}. The policy-as-code
 * test fails on any finding whose resource does not carry its control with a reason.
 */
final class GuardReasons {
    static final String METADATA_KEY = "northwind:guardExceptions";

    private GuardReasons() {
    }

    /** CT.LAMBDA.PR.3 (function in a VPC) on a function that only calls AWS APIs. */
    static void noVpc(IConstruct function) {
        except(function, "CT.LAMBDA.PR.3", "The function reaches only AWS APIs (DynamoDB, and Lambda for the "
                + "Provider framework) over TLS with IAM-signed requests, and no private resource: a VPC would add "
                + "NAT or interface endpoints and cold-start cost without narrowing access, which the least-privilege "
                + "role already does.");
    }

    /** CT.DYNAMODB.PR.2 (table under a KMS key) when the customer-managed key is not switched on. */
    static void awsOwnedTableKey(IConstruct table) {
        except(table, "CT.DYNAMODB.PR.2", "Encrypted at rest with the AWS owned key (DynamoDB's default) for the "
                + "public Northwind sample data; a customer-managed key is one flag away: -c customerManagedKeys=true.");
    }

    /** CT.CLOUDWATCH.PR.3 (log group under a KMS key) when the customer-managed key is not switched on. */
    static void serviceEncryptedLogs(IConstruct logGroup) {
        except(logGroup, "CT.CLOUDWATCH.PR.3", "CloudWatch Logs encrypts log data at rest with its own keys; the "
                + "logs hold request metadata, not data beyond the public sample. A customer-managed key is one flag "
                + "away: -c customerManagedKeys=true.");
    }

    /** CT.KMS.PR.3 (key policy limiting CreateGrant to AWS services) on the opt-in customer-managed keys. */
    static void keyGrantsByAccountPolicy(IConstruct key) {
        except(key, "CT.KMS.PR.3", "The key policy is CDK's default (the account's IAM policies decide), and "
                + "only the app's own roles and AWS services are granted use of it, through least-privilege "
                + "identity policies; no principal is granted kms:CreateGrant.");
    }

    /** CT.STEPFUNCTIONS.PR.2 (X-Ray tracing) on the Provider framework's waiter state machine. */
    static void waiterWithoutTracing(IConstruct stateMachine) {
        except(stateMachine, "CT.STEPFUNCTIONS.PR.2", "The CDK Provider framework's waiter only polls the seeder's "
                + "isComplete function during a deploy (two states, one Lambda task); its executions are logged at level "
                + "ALL and the functions log JSON lines. Tracing would add xray:* on * to its role and trace nothing "
                + "that crosses services.");
    }

    /**
     * CT.LAMBDA.PR.2 (no public function policy) on the invoke permission of an HTTP API integration: its SourceArn
     * is the API's execute-api ARN, which the rule cannot read (it is joined from the API id, not a literal or a Ref).
     */
    static void apiScopedInvokePermission(IConstruct permission) {
        except(permission, "CT.LAMBDA.PR.2", "Not public: the principal is apigateway.amazonaws.com and the SourceArn "
                + "condition is this API's own route (arn:aws:execute-api:<region>:<account>:<apiId>/*/*/<route path>), "
                + "joined from the API's id, which cfn-guard only accepts as a literal string or a plain Ref/GetAtt.");
    }

    /** CT.SQS.PR.1 (queue with a dead-letter queue) on the stream consumer's failure queue, itself the dead letters. */
    static void failureDestinationQueue(IConstruct queue) {
        except(queue, "CT.SQS.PR.1", "The queue is the event source mapping's on-failure destination: Lambda sends it "
                + "the record of each discarded batch and an operator reads and replays them. No application consumes it, "
                + "so there is no failing consumer whose messages a redrive queue would catch.");
    }

    /** Records an exception on the CloudFormation resource behind {@code construct}. */
    @SuppressWarnings("unchecked")
    static void except(IConstruct construct, String control, String reason) {
        CfnResource resource = construct instanceof CfnResource cfn ? cfn : (CfnResource) construct.getNode().getDefaultChild();
        Object existing = resource.getMetadata(METADATA_KEY);
        List<Object> entries = existing instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>();
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("control", control);
        entry.put("reason", reason);
        entries.add(entry);
        resource.addMetadata(METADATA_KEY, entries);
    }
}
