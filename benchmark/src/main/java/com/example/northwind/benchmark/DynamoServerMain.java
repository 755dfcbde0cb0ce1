package com.example.northwind.benchmark;

import com.example.northwind.local.LocalDynamoDbServer;

/**
 * The benchmark's DynamoDB Local, in its own JVM: so the seeder's heap figures and the handler's latencies are
 * not mixed with DynamoDB Local's own work in one process, and clients talk to it over HTTP as a Lambda
 * talks to DynamoDB. Prints {@code PORT <n>} once listening; stops when its stdin closes (parent gone).
 */
public final class DynamoServerMain {
    private DynamoServerMain() {
    }

    public static void main(String[] args) throws Exception {
        try (LocalDynamoDbServer server = LocalDynamoDbServer.start(0, null)) {
            System.out.println("PORT " + server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our stdin
            }
        }
        System.exit(0);
    }
}
