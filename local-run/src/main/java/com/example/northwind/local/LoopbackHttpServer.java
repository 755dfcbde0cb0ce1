package com.example.northwind.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server on 127.0.0.1, one thread per open connection (at most {@code maxConnections}), for the
 * local Lambda API and the local HTTP API. Not the JDK's {@code HttpServer}, because that one answers malformed
 * requests itself with text/html pages naming Java exceptions, reads request headers with no deadline (a client
 * trickling a byte a second holds a thread for as long as it likes) and writes headers and body as two TCP segments
 * without TCP_NODELAY, which costs ~40 ms per call on a kept-alive connection (Nagle's algorithm meets delayed ACK).
 * Here a request must arrive whole within {@code requestTimeout}, an idle connection is closed after
 * {@code idleTimeout}, every answer is written with one write on a TCP_NODELAY socket, and every error the server
 * gives itself is JSON in its service's shape ({@link Refusals}: Lambda's, or API Gateway's for the HTTP API).
 */
final class LoopbackHttpServer implements AutoCloseable {
    /** Answers one request; errors it wants to report are responses too. */
    interface Handler {
        HttpResponse handle(HttpRequest request);
    }

    /**
     * How the server words what it answers itself, before a handler sees a request: a malformed or too-large request
     * ({@link LambdaError} from {@link RequestReader}), one that did not arrive in time, and every connection slot
     * taken. The Lambda API answers in Lambda's JSON shape ({@link #LAMBDA}), the HTTP API in API Gateway's.
     */
    interface Refusals {
        HttpResponse malformed(LambdaError e);

        HttpResponse timedOut(long requestTimeoutMillis);

        HttpResponse tooManyConnections();
    }

    /** Lambda's words for them (the local Lambda API). */
    static final Refusals LAMBDA = new Refusals() {
        @Override
        public HttpResponse malformed(LambdaError e) {
            return e.toResponse().withHeader("x-amzn-RequestId", UUID.randomUUID().toString());
        }

        @Override
        public HttpResponse timedOut(long requestTimeoutMillis) {
            return new LambdaError(408, "RequestTimeoutException", "The request was not received within "
                    + requestTimeoutMillis + " ms").toResponse();
        }

        @Override
        public HttpResponse tooManyConnections() {
            return LambdaError.throttled("CallerRateLimitExceeded").toResponse();
        }
    };

    private final ServerSocket listener;
    private final Handler handler;
    private final Refusals refusals;
    private final EndpointLimits limits;
    private final int maxBody;
    private final Semaphore connectionSlots;
    private final ThreadPoolExecutor connectionThreads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private LoopbackHttpServer(ServerSocket listener, Handler handler, Refusals refusals, EndpointLimits limits, int maxBody,
                               String name) {
        this.listener = listener;
        this.handler = handler;
        this.refusals = refusals;
        this.limits = limits;
        this.maxBody = maxBody;
        this.connectionSlots = new Semaphore(limits.maxConnections());
        // Never more threads than slots: the semaphore decides who gets a thread, the pool only recycles them.
        this.connectionThreads = new ThreadPoolExecutor(limits.maxConnections(), limits.maxConnections(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads(name + "-http"));
        this.connectionThreads.allowCoreThreadTimeOut(true);
        this.acceptor = daemonThreads(name + "-accept").newThread(this::acceptLoop);
    }

    /**
     * @param port 0 for a free port
     * @throws BindException when the port is in use
     */
    static LoopbackHttpServer start(InetAddress address, int port, EndpointLimits limits, int maxBody, Handler handler)
            throws IOException {
        return start(address, port, limits, maxBody, handler, LAMBDA, "lambda");
    }

    /**
     * @param refusals how the server words the answers it gives itself
     * @param name     prefix of its threads' names
     */
    static LoopbackHttpServer start(InetAddress address, int port, EndpointLimits limits, int maxBody, Handler handler,
                                    Refusals refusals, String name) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.bind(new InetSocketAddress(address, port), 128);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        LoopbackHttpServer server = new LoopbackHttpServer(listener, handler, refusals, limits, maxBody, name);
        server.acceptor.start();
        return server;
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (!connectionSlots.tryAcquire()) {
                // Every connection thread is taken: say so in Lambda's words rather than leave the client hanging.
                rejectAndClose(socket);
                continue;
            }
            open.add(socket);
            connectionThreads.execute(() -> serve(socket));
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(limits.tcpNoDelay());
            RequestReader reader = new RequestReader(socket, maxBody);
            OutputStream out = socket.getOutputStream();
            while (!closed && reader.awaitRequest(limits.idleTimeout().toMillis())) {
                HttpRequest request;
                try {
                    request = reader.read(limits.requestTimeout().toMillis(), out);
                } catch (LambdaError e) {
                    // The rest of the request cannot be trusted (or was never read): answer, then close.
                    write(out, refusals.malformed(e), false);
                    lingerBeforeClose(socket);
                    return;
                } catch (RequestReader.RequestTimeout e) {
                    write(out, refusals.timedOut(limits.requestTimeout().toMillis()), false);
                    return;
                }
                write(out, handler.handle(request), request.keepAlive());
                if (!request.keepAlive()) {
                    return;
                }
            }
        } catch (IOException e) {
            // The client went away (or the server is closing): nothing to answer.
        } finally {
            open.remove(socket);
            connectionSlots.release();
        }
    }

    /**
     * After refusing a request whose body was not read (too large), let the answer reach the client before the socket
     * closes: closing with unread bytes pending sends a reset, which can destroy the answer in flight. The output is
     * shut (the client sees the end of the answer), then what the client is still sending is read and dropped — at
     * most {@value #LINGER_BYTES} bytes, for at most {@value #LINGER_MILLIS} ms.
     */
    private static void lingerBeforeClose(Socket socket) {
        try {
            socket.shutdownOutput();
            socket.setSoTimeout(LINGER_MILLIS);
            java.io.InputStream in = socket.getInputStream();
            byte[] sink = new byte[8192];
            long deadline = System.nanoTime() + LINGER_MILLIS * 1_000_000L;
            for (long drained = 0; drained < LINGER_BYTES && System.nanoTime() < deadline; ) {
                int n = in.read(sink);
                if (n < 0) {
                    return;
                }
                drained += n;
            }
        } catch (IOException e) {
            // gone, or the linger time is over: close now
        }
    }

    private static final int LINGER_MILLIS = 1000;
    private static final long LINGER_BYTES = 8L * 1024 * 1024;

    private void rejectAndClose(Socket socket) {
        try (socket) {
            write(socket.getOutputStream(), refusals.tooManyConnections(), false);
        } catch (IOException e) {
            // already gone
        }
    }

    /** Status line, headers and body in one write, so a small answer leaves as one segment. */
    private static void write(OutputStream out, HttpResponse response, boolean keepAlive) throws IOException {
        StringBuilder head = new StringBuilder(256).append("HTTP/1.1 ").append(response.status()).append(' ')
                .append(reason(response.status())).append("\r\n");
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        if (response.status() != 204) {
            head.append("Content-Length: ").append(response.body().length).append("\r\n");
        }
        head.append(keepAlive ? "" : "Connection: close\r\n").append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] whole = new byte[headBytes.length + response.body().length];
        System.arraycopy(headBytes, 0, whole, 0, headBytes.length);
        System.arraycopy(response.body(), 0, whole, headBytes.length, response.body().length);
        out.write(whole);
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            default -> status >= 500 ? "Server Error" : "Status";
        };
    }

    static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        connectionThreads.shutdownNow();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True when {@code e} (from {@link #start}) means the port is taken. */
    static boolean isPortInUse(IOException e) {
        return e instanceof BindException || (e instanceof SocketException && String.valueOf(e.getMessage()).contains("in use"));
    }
}
