package com.example.northwind.infra;

import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.constructs.Construct;

/**
 * Execution roles that start empty and may write only to their function's own log group.
 *
 * <p>Replaces the default AWSLambdaBasicExecutionRole managed policy, which lets a function create log
 * groups and write to any of them in the account: the log groups here are created by CloudFormation,
 * so the function only needs to write streams into its one group. Callers add the data grants.
 */
public final class LambdaRoles {
    private LambdaRoles() {
    }

    /** A role Lambda can assume, allowed to write to {@code logGroup} and nothing else (yet). */
    public static Role writingTo(Construct scope, String id, ILogGroup logGroup) {
        Role role = Role.Builder.create(scope, id)
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .build();
        logGroup.grantWrite(role);
        return role;
    }
}
