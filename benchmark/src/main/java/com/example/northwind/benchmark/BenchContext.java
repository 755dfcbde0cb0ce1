package com.example.northwind.benchmark;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** A Lambda Context for in-process invocations: fixed ids, generous remaining time, a silent logger. */
final class BenchContext implements Context {
    private static final LambdaLogger SILENT = new LambdaLogger() {
        @Override
        public void log(String message) {
        }

        @Override
        public void log(byte[] message) {
        }
    };

    @Override
    public String getAwsRequestId() {
        return "benchmark";
    }

    @Override
    public String getLogGroupName() {
        return "benchmark";
    }

    @Override
    public String getLogStreamName() {
        return "benchmark";
    }

    @Override
    public String getFunctionName() {
        return "query";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:query";
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
        return 60_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return SILENT;
    }
}
