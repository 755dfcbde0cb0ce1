package com.example.northwind.lambda;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** What a Lambda of this project reads from its execution environment, and the one DynamoDB client it builds. */
public final class LambdaEnvironment {
    private LambdaEnvironment() {
    }

    /**
     * The DynamoDB client for a Lambda's life: region from the environment, the light url-connection HTTP client
     * (Apache and Netty only add cold-start time), and every call bounded well under the function's timeout, so a
     * hung call ends as a function error with the SDK's reason instead of a bare Lambda timeout.
     */
    public static DynamoDbClient dynamoDb(ClientOverrideConfiguration timeouts) {
        return DynamoDbClient.builder()
                .region(Region.of(required("AWS_REGION")))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(timeouts)
                .build();
    }

    /** Every call bounded: {@code apiCallTimeout} in all, retries included; each attempt {@code apiCallAttemptTimeout}. */
    public static ClientOverrideConfiguration timeouts(Duration apiCallTimeout, Duration apiCallAttemptTimeout) {
        return ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(apiCallAttemptTimeout)
                .apiCallTimeout(apiCallTimeout)
                .build();
    }

    /** An environment variable that must be set; a clear error naming it otherwise. */
    public static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
