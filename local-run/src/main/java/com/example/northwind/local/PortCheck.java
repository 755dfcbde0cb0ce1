package com.example.northwind.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks a port before the slow start-up work, so a taken port fails in a second, not after seeding. */
final class PortCheck {
    private PortCheck() {
    }

    static void requireFree(int port, String what, String flag) {
        try (ServerSocket socket = new ServerSocket()) {
            // As the real servers bind: connections of a previous run in TIME_WAIT must not count as "in use".
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LocalDynamoDbServer.LOOPBACK, port));
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " on " + LocalDynamoDbServer.LOOPBACK
                    + " is already in use (" + what + "): stop what uses it or choose another port with " + flag + ".");
        }
    }
}
