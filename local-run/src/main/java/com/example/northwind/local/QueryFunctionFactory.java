package com.example.northwind.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.northwind.query.QueryHandler;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The query Lambda's handler, built with its test/local constructor around the local client and table. */
final class QueryFunctionFactory {
    static final String HANDLER_CLASS = QueryHandler.class.getName();

    private QueryFunctionFactory() {
    }

    static RequestStreamHandler create(DynamoDbClient dynamo, String tableName, byte[] pageTokenKey) {
        return new QueryHandler(dynamo, tableName, pageTokenKey);
    }
}
