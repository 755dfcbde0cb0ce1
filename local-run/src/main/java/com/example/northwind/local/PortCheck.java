package com.example.northwind.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks the ports a run is about to listen on before the slow start-up work, all of them at once, so taken ports
 * fail in a second and in one message, not one by one after seeding. A feature that listens on a port of its own
 * adds a {@link PortUse} to the list it is checked with.
 */
final class PortCheck {
    /** A port the run will listen on: the number, what listens there, and the flag that moves it. */
    record PortUse(int port, String what, String flag) {
    }

    private PortCheck() {
    }

    static void requireFree(int port, String what, String flag) {
        requireFree(List.of(new PortUse(port, what, flag)));
    }

    /** @throws IllegalStateException naming every port of {@code ports} that is in use (what, flag), in one message */
    static void requireFree(List<PortUse> ports) {
        List<PortUse> taken = taken(ports);
        if (!taken.isEmpty()) {
            throw new IllegalStateException(message(taken));
        }
    }

    /** The ports of {@code ports} (those above 0: 0 means any free port) that something listens on already. */
    static List<PortUse> taken(List<PortUse> ports) {
        return ports.stream().filter(p -> p.port() > 0 && !free(p.port())).toList();
    }

    /** One message for the taken ports: each with what it was for and the flag that moves it. */
    static String message(List<PortUse> taken) {
        if (taken.size() == 1) {
            PortUse p = taken.get(0);
            return "Port " + p.port() + " on " + LocalDynamoDbServer.LOOPBACK + " is already in use (" + p.what()
                    + "): stop what uses it or choose another port with " + p.flag() + ".";
        }
        return "Ports already in use on " + LocalDynamoDbServer.LOOPBACK + ": " + taken.stream()
                .map(p -> "Port " + p.port() + " (" + p.what() + ", " + p.flag() + ")").collect(Collectors.joining(", "))
                + ". Stop what uses them or choose other ports with those flags.";
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // As the real servers bind: connections of a previous run in TIME_WAIT must not count as "in use".
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LocalDynamoDbServer.LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
