package com.example.northwind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.jr.ob.JSON;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Function names, ARNs and qualifiers, as Lambda's Invoke parses them: what reaches the function, which version
 * runs, and the errors (with Lambda's status and type) for everything else.
 */
class LambdaInvokeNamesTest {
    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:query";
    /** Answers the version and ARN its Context reports. */
    private static final RequestStreamHandler WHO_AM_I = (in, out, context) -> out.write(JSON.std.asBytes(Map.of(
            "version", context.getFunctionVersion(), "arn", context.getInvokedFunctionArn())));
    private static LambdaInvokeServer server;

    @BeforeAll
    static void start() {
        server = LambdaInvokeServer.start(0, List.of(new LocalFunction("query", Set.of("QueryFnLogicalId"),
                Map.of("live", "1", "1", "1"), () -> WHO_AM_I, 3000, 128)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "query                                        |                  | $LATEST",
            "QueryFnLogicalId                             |                  | $LATEST",
            "query:$LATEST                                |                  | $LATEST",
            "query:live                                   |                  | 1",
            "query                                        | Qualifier=live   | 1",
            "query:live                                   | Qualifier=live   | 1",
            "query:1                                      |                  | 1",
            "000000000000:function:query                  |                  | $LATEST",
            "000000000000:function:query:live             |                  | 1",
            ARN + "                                       |                  | $LATEST",
            ARN + ":live                                  |                  | 1",
            ARN + "                                       | Qualifier=%24LATEST | $LATEST",
    })
    void invoke_reachesTheFunctionByEveryNameFormLambdaAccepts_andReportsTheVersionThatRan(
            String name, String query, String version) throws Exception {
        // GIVEN the function "query" with alias "live" → version 1
        // WHEN it is invoked by this name form
        EndpointHttp.Answer answer = EndpointHttp.invoke(server, name, query, "{}");

        // THEN it runs, and X-Amz-Executed-Version and the Context name the version the qualifier points to
        assertEquals(200, answer.status(), answer.body());
        assertEquals(version, answer.header("X-Amz-Executed-Version"));
        Map<String, Object> context = answer.json();
        assertEquals(version, context.get("version"));
        assertTrue(String.valueOf(context.get("arn")).startsWith(ARN), String.valueOf(context.get("arn")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "arn:aws:s3:::function:query",
            "arn:aws:sqs:us-east-1:000000000000:function:query",
            "arn:aws:lambda:us-east-1:000000000000:function:",
            "query/extra",
            "query:live:more",
    })
    void invoke_otherServicesArnOrMalformedName_answersValidationException(String name) throws Exception {
        // GIVEN a name that is no Lambda function name or ARN
        // WHEN it is invoked
        EndpointHttp.Answer answer = EndpointHttp.invoke(server, name, "{}");

        // THEN Lambda's 400 ValidationException, in its JSON shape
        assertError(answer, 400, "ValidationException", "at 'functionName' failed to satisfy constraint");
    }

    @Test
    void invoke_arnOfAnotherRegion_answersLambdasNotReachableError() throws Exception {
        // GIVEN the ARN of a function in another region
        // WHEN it is invoked
        EndpointHttp.Answer answer = EndpointHttp.invoke(server, "arn:aws:lambda:eu-west-1:000000000000:function:query", "{}");

        // THEN Lambda's own answer for a cross-region ARN
        assertError(answer, 404, "ResourceNotFoundException",
                "Functions from 'eu-west-1' are not reachable in this region ('us-east-1')");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "arn:aws:lambda:us-east-1:111122223333:function:query | | arn:aws:lambda:us-east-1:111122223333:function:query",
            "111122223333:function:query                          | | arn:aws:lambda:us-east-1:111122223333:function:query",
            "query:nope                                           | | " + ARN + ":nope",
            "query                                                | Qualifier=nope | " + ARN + ":nope",
            "no-such-function                                     | | arn:aws:lambda:us-east-1:000000000000:function:no-such-function",
    })
    void invoke_otherAccountUnknownQualifierOrName_answersResourceNotFound(String name, String query, String arn)
            throws Exception {
        // GIVEN a function this endpoint does not have (another account's, an unknown qualifier or name)
        // WHEN it is invoked
        EndpointHttp.Answer answer = EndpointHttp.invoke(server, name, query, "{}");

        // THEN 404 ResourceNotFoundException naming the function as Lambda names it
        assertError(answer, 404, "ResourceNotFoundException", "Function not found: " + arn);
    }

    @Test
    void invoke_qualifierInNameAndParameterDisagree_answersInvalidParameterValue() throws Exception {
        // GIVEN a qualified name and a different Qualifier parameter
        // WHEN it is invoked
        EndpointHttp.Answer answer = EndpointHttp.invoke(server, "query:live", "Qualifier=1", "{}");

        // THEN Lambda's 400 for the mismatch
        assertError(answer, 400, "InvalidParameterValueException",
                "The derived qualifier from the function name does not match the specified qualifier.");
    }

    @Test
    void invoke_unsupportedInvocationType_answersValidationException() throws Exception {
        // GIVEN an invocation type Lambda does not know
        // WHEN it is invoked with it
        EndpointHttp.Answer answer = EndpointHttp.invokeAsync(server, "query", "Later", "{}", java.time.Duration.ofSeconds(30))
                .get();

        // THEN 400 ValidationException naming the allowed values
        assertError(answer, 400, "ValidationException", "[Event, RequestResponse, DryRun]");
    }

    private static void assertError(EndpointHttp.Answer answer, int status, String type, String messagePart) throws Exception {
        assertEquals(status, answer.status(), answer.body());
        assertEquals(type, answer.header("x-amzn-ErrorType"));
        assertEquals("application/json", answer.header("Content-Type"));
        Map<String, Object> body = answer.json();
        assertEquals("User", body.get("Type"));
        assertTrue(String.valueOf(body.get("message")).contains(messagePart), String.valueOf(body.get("message")));
        assertTrue(answer.header("x-amzn-RequestId") != null, "no x-amzn-RequestId");
    }
}
