package com.example.northwind.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.northwind.command.CommandHandler;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The command Lambda's handler, built with its test/local constructor around the local client and table. */
final class CommandFunctionFactory {
    static final String HANDLER_CLASS = CommandHandler.class.getName();

    private CommandFunctionFactory() {
    }

    /** A handler whose "today" (default order and shipped dates) is the machine's UTC date, as in Lambda. */
    static RequestStreamHandler create(DynamoDbClient dynamo, String tableName) {
        return new CommandHandler(dynamo, tableName, Clock.systemUTC());
    }
}
