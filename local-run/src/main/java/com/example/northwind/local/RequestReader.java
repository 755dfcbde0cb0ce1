package com.example.northwind.local;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads HTTP/1.1 requests from one connection, each within a deadline: every socket read waits at most until the
 * request's deadline, so a client that trickles its headers or body a byte at a time is cut off when the deadline
 * passes instead of holding the connection's thread for as long as it likes. Framing errors are
 * {@link LambdaError}s, answered in Lambda's JSON shape.
 */
final class RequestReader {
    /** Request line plus headers; far more than any SDK sends. */
    static final int MAX_HEAD_BYTES = 16 * 1024;
    private static final int MAX_HEADERS = 100;

    private final Socket socket;
    private final InputStream in;
    private final int maxBody;
    private final byte[] buffer = new byte[MAX_HEAD_BYTES];
    private int pos;
    private int limit;
    private long deadlineNanos;

    RequestReader(Socket socket, int maxBody) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.maxBody = maxBody;
    }

    /**
     * Waits for the first byte of the next request on a kept-alive connection.
     *
     * @return false when the client closed the connection or stayed idle longer than {@code idleMillis}
     */
    boolean awaitRequest(long idleMillis) throws IOException {
        if (pos < limit) {
            return true;
        }
        deadlineNanos = System.nanoTime() + idleMillis * 1_000_000;
        try {
            return fill();
        } catch (RequestTimeout e) {
            return false;
        }
    }

    /**
     * Reads one whole request (head and body) before {@code timeoutMillis} from now.
     *
     * @param out where to write "100 Continue" when the client waits for it before sending the body
     * @throws RequestTimeout when the deadline passes first
     * @throws LambdaError    when the request is malformed or its body is too large
     * @throws EOFException   when the client closed the connection mid-request
     */
    HttpRequest read(long timeoutMillis, OutputStream out) throws IOException, LambdaError {
        deadlineNanos = System.nanoTime() + timeoutMillis * 1_000_000;
        int headBudget = MAX_HEAD_BYTES;
        String requestLine = line(headBudget);
        headBudget -= requestLine.length() + 2;
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !parts[2].startsWith("HTTP/1.")) {
            throw badRequest("Malformed HTTP request line: " + abbreviate(requestLine));
        }
        Map<String, String> headers = new HashMap<>();
        Map<String, java.util.List<String>> headerValues = new java.util.LinkedHashMap<>();
        for (int count = 0; ; count++) {
            String header = line(headBudget);
            headBudget -= header.length() + 2;
            if (header.isEmpty()) {
                break;
            }
            int colon = header.indexOf(':');
            if (colon <= 0 || count >= MAX_HEADERS || header.substring(0, colon).contains(" ")) {
                throw badRequest("Malformed HTTP header: " + abbreviate(header));
            }
            String name = header.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).strip();
            headers.putIfAbsent(name, value);
            headerValues.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(value);
        }
        String connection = headers.getOrDefault("connection", "");
        boolean keepAlive = parts[2].equals("HTTP/1.0") ? connection.equalsIgnoreCase("keep-alive")
                : !connection.equalsIgnoreCase("close");
        byte[] body = body(headers, out);
        return new HttpRequest(parts[0], parts[1], headers, headerValues, body, keepAlive);
    }

    private byte[] body(Map<String, String> headers, OutputStream out) throws IOException, LambdaError {
        String encoding = headers.get("transfer-encoding");
        String length = headers.get("content-length");
        if (encoding != null && length != null) {
            throw badRequest("A request may carry Content-Length or Transfer-Encoding, not both");
        }
        if (encoding != null && !encoding.equalsIgnoreCase("chunked")) {
            throw badRequest("Unsupported Transfer-Encoding: " + abbreviate(encoding));
        }
        long declared = 0;
        if (length != null) {
            if (!length.matches("[0-9]{1,18}")) {
                throw badRequest("Content-Length is not a number: " + abbreviate(length));
            }
            declared = Long.parseLong(length);
            if (declared > maxBody) {
                throw tooLarge();
            }
        }
        if ("100-continue".equalsIgnoreCase(headers.get("expect")) && (encoding != null || declared > 0)) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        return encoding != null ? chunked() : bytes((int) declared);
    }

    private byte[] chunked() throws IOException, LambdaError {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(MAX_HEAD_BYTES);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
            if (!hex.matches("[0-9a-fA-F]{1,8}")) {
                throw badRequest("Malformed chunk size: " + abbreviate(sizeLine));
            }
            long size = Long.parseLong(hex, 16);
            if (size == 0) {
                while (!line(MAX_HEAD_BYTES).isEmpty()) {
                    // trailers: ignored
                }
                return body.toByteArray();
            }
            if (body.size() + size > maxBody) {
                throw tooLarge();
            }
            body.write(bytes((int) size));
            if (!line(2).isEmpty()) {
                throw badRequest("Malformed chunk: no CRLF after its data");
            }
        }
    }

    private byte[] bytes(int n) throws IOException {
        byte[] bytes = new byte[n];
        int copied = Math.min(n, limit - pos);
        System.arraycopy(buffer, pos, bytes, 0, copied);
        pos += copied;
        while (copied < n) {
            setReadTimeout();
            int read;
            try {
                read = in.read(bytes, copied, n - copied);
            } catch (SocketTimeoutException e) {
                throw new RequestTimeout();
            }
            if (read < 0) {
                throw new EOFException("client closed the connection mid-request");
            }
            copied += read;
        }
        return bytes;
    }

    /** One CRLF- (or LF-) terminated line, ISO-8859-1, at most {@code maxLength} bytes. */
    private String line(int maxLength) throws IOException, LambdaError {
        int scanned = pos;
        while (true) {
            for (; scanned < limit; scanned++) {
                if (buffer[scanned] == '\n') {
                    int end = scanned > pos && buffer[scanned - 1] == '\r' ? scanned - 1 : scanned;
                    String line = new String(buffer, pos, end - pos, StandardCharsets.ISO_8859_1);
                    pos = scanned + 1;
                    return line;
                }
            }
            if (scanned - pos >= maxLength || limit - pos >= buffer.length) {
                throw new LambdaError(431, "RequestHeaderFieldsTooLargeException",
                        "The request line and headers must be smaller than " + MAX_HEAD_BYTES + " bytes");
            }
            if (!fill()) {
                throw new EOFException("client closed the connection mid-request");
            }
        }
    }

    /** Reads more bytes into the buffer, waiting at most until the deadline; false at end of stream. */
    private boolean fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        setReadTimeout();
        int read;
        try {
            read = in.read(buffer, limit, buffer.length - limit);
        } catch (SocketTimeoutException e) {
            throw new RequestTimeout();
        }
        if (read < 0) {
            return false;
        }
        limit += read;
        return true;
    }

    private void setReadTimeout() throws IOException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new RequestTimeout();
        }
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000)));
    }

    private LambdaError tooLarge() {
        return new LambdaError(413, "RequestTooLargeException",
                "Request must be smaller than " + maxBody + " bytes for the InvokeFunction operation");
    }

    private static LambdaError badRequest(String message) {
        return new LambdaError(400, "InvalidRequestContentException", message);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    /** The request did not arrive whole before its deadline (or the connection stayed idle too long). */
    static final class RequestTimeout extends IOException {
        RequestTimeout() {
            super("request not received in time", null);
        }
    }
}
