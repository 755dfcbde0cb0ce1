package com.example.northwind.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** The Lambda Context of an in-process invocation: names, a request id, and the function's timeout. */
public final class LocalContext implements Context {
    private final String functionName;
    private final String functionVersion;
    private final String invokedFunctionArn;
    private final String requestId;
    private final long deadlineMillis;
    private final int memoryMb;

    public LocalContext(String functionName, String requestId, long timeoutMillis, int memoryMb) {
        this(functionName, "$LATEST", LambdaInvokeServer.arnOf(functionName), requestId, timeoutMillis, memoryMb);
    }

    /**
     * @param functionVersion    the version that runs ({@code $LATEST}, or the one an alias points to)
     * @param invokedFunctionArn the ARN as invoked, with the qualifier when there was one
     */
    public LocalContext(String functionName, String functionVersion, String invokedFunctionArn, String requestId,
                        long timeoutMillis, int memoryMb) {
        this.functionName = functionName;
        this.functionVersion = functionVersion;
        this.invokedFunctionArn = invokedFunctionArn;
        this.requestId = requestId;
        this.deadlineMillis = System.currentTimeMillis() + timeoutMillis;
        this.memoryMb = memoryMb;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return functionVersion;
    }

    @Override
    public String getInvokedFunctionArn() {
        return invokedFunctionArn;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.err.print(message);
            }

            @Override
            public void log(byte[] message) {
                System.err.print(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
