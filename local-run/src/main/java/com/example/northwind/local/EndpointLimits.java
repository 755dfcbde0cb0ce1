package com.example.northwind.local;

import java.time.Duration;

/**
 * How much the local Lambda API takes on at once, per function, before it throttles (429
 * TooManyRequestsException), and how long it waits for slow clients.
 *
 * @param concurrency      synchronous invocations executing at once: warm execution environments, each with its
 *                         own handler instance (a new AWS account's concurrency limit is 10)
 * @param queueDepth       synchronous invocations waiting for an environment; beyond that, 429
 * @param asyncConcurrency {@code Event} invocations executing at once, on environments of their own so that
 *                         queued events never delay synchronous callers
 * @param asyncQueueDepth  {@code Event} invocations accepted (202) and waiting; beyond that, 429
 * @param maxConnections   open connections (one thread each); beyond that, 429 and close
 * @param requestTimeout   a request's line, headers and body must all arrive within this, else 408 and close
 * @param idleTimeout      a kept-alive connection with no request for this long is closed
 * @param tcpNoDelay       TCP_NODELAY on every connection (off only to measure what it saves)
 */
public record EndpointLimits(int concurrency, int queueDepth, int asyncConcurrency, int asyncQueueDepth,
                             int maxConnections, Duration requestTimeout, Duration idleTimeout, boolean tcpNoDelay) {
    public static final EndpointLimits DEFAULTS = new EndpointLimits(10, 20, 2, 20, 128,
            Duration.ofSeconds(10), Duration.ofSeconds(30), true);

    public EndpointLimits {
        if (concurrency < 1 || queueDepth < 0 || asyncConcurrency < 1 || asyncQueueDepth < 0
                || maxConnections < concurrency + queueDepth + 1) {
            throw new IllegalArgumentException("Inconsistent endpoint limits: " + concurrency + "/" + queueDepth + "/"
                    + asyncConcurrency + "/" + asyncQueueDepth + "/" + maxConnections
                    + " (connections must exceed the synchronous calls that can be executing or waiting)");
        }
    }

    public EndpointLimits withConcurrency(int concurrency, int queueDepth) {
        return new EndpointLimits(concurrency, queueDepth, asyncConcurrency, asyncQueueDepth, maxConnections,
                requestTimeout, idleTimeout, tcpNoDelay);
    }

    public EndpointLimits withAsync(int asyncConcurrency, int asyncQueueDepth) {
        return new EndpointLimits(concurrency, queueDepth, asyncConcurrency, asyncQueueDepth, maxConnections,
                requestTimeout, idleTimeout, tcpNoDelay);
    }

    public EndpointLimits withTimeouts(Duration requestTimeout, Duration idleTimeout) {
        return new EndpointLimits(concurrency, queueDepth, asyncConcurrency, asyncQueueDepth, maxConnections,
                requestTimeout, idleTimeout, tcpNoDelay);
    }

    public EndpointLimits withTcpNoDelay(boolean tcpNoDelay) {
        return new EndpointLimits(concurrency, queueDepth, asyncConcurrency, asyncQueueDepth, maxConnections,
                requestTimeout, idleTimeout, tcpNoDelay);
    }
}
