package com.example.northwind.query;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.schema.FunctionContract;
import com.example.northwind.testsupport.SynthesizedApp;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/** The query function's DynamoDB calls are bounded, inside the Lambda timeout the template deploys. */
class QueryClientTimeoutTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyCall_endsBeforeTheLambdaTimeout() {
        // GIVEN the query function's timeout as synthesized
        Map<String, Object> function = (Map<String, Object>) SynthesizedApp.defaults().service()
                .findResources("AWS::Lambda::Function").values().stream()
                .map(r -> (Map<String, Object>) r.get("Properties"))
                .filter(p -> FunctionContract.QUERY_HANDLER.equals(p.get("Handler")))
                .findFirst().orElseThrow();
        Duration lambdaTimeout = Duration.ofSeconds(((Number) function.get("Timeout")).longValue());

        // WHEN the Lambda's client configuration is read
        ClientOverrideConfiguration config = QueryHandler.clientOverrides();

        // THEN a call (retries included) and each attempt are bounded, the call well inside the timeout (room
        // left for start-up and the answer), and an attempt shorter than the call so a retry can happen
        assertTrue(config.apiCallTimeout().isPresent(), "no apiCallTimeout");
        assertTrue(config.apiCallAttemptTimeout().isPresent(), "no apiCallAttemptTimeout");
        assertTrue(config.apiCallTimeout().get().compareTo(lambdaTimeout.dividedBy(2)) <= 0,
                config.apiCallTimeout().get() + " vs Lambda timeout " + lambdaTimeout);
        assertTrue(config.apiCallAttemptTimeout().get().compareTo(config.apiCallTimeout().get()) < 0);
    }
}
