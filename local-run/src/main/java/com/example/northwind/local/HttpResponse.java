package com.example.northwind.local;

import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP answer; {@link LoopbackHttpServer} adds Content-Length and Connection. */
record HttpResponse(int status, Map<String, String> headers, byte[] body) {
    static final byte[] EMPTY = new byte[0];

    HttpResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpResponse(status, copy, body);
    }
}
