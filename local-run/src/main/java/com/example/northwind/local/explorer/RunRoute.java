package com.example.northwind.local.explorer;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/run}: turns a form's request into the function's own payload, invokes it, and adds the views.
 * A pattern goes to the {@code query} function as {@code {pattern, params, limit, nextToken}}; a command to the
 * {@code command} function as {@code {command, params}}. When no such function is served, the answer says so.
 */
final class RunRoute {
    record Result(int status, Map<String, Object> body) {
    }

    private final FunctionRunner runner;
    private final CollectionViews views;
    private final DerivedItems derived;

    /** @param derived the stream consumer's derived items, or null without a consumer */
    RunRoute(FunctionRunner runner, CollectionViews views, DerivedItems derived) {
        this.runner = runner;
        this.views = views;
        this.derived = derived;
    }

    Result handle(byte[] body) {
        Map<String, Object> request;
        try {
            Object parsed = JSON.std.anyFrom(body);
            if (!(parsed instanceof Map<?, ?>)) {
                return new Result(400, error("BadRequest", "the body must be a JSON object {kind, name, params}"));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) parsed;
            request = map;
        } catch (IOException e) {
            return new Result(400, error("BadRequest", "the body is not JSON: " + e.getMessage()));
        }
        String kind = String.valueOf(request.get("kind"));
        Object name = request.get("name");
        Object params = request.get("params") == null ? Map.of() : request.get("params");
        Map<String, Object> payload = new LinkedHashMap<>();
        String function;
        if (kind.equals("pattern")) {
            function = ExplorerCatalog.QUERY_FUNCTION;
            payload.put("pattern", name);
            payload.put("params", params);
            if (request.get("limit") != null) {
                payload.put("limit", request.get("limit"));
            }
            if (request.get("nextToken") != null) {
                payload.put("nextToken", request.get("nextToken"));
            }
        } else if (kind.equals("command")) {
            function = ExplorerCatalog.COMMAND_FUNCTION;
            payload.put("command", name);
            payload.put("params", params);
        } else {
            return new Result(400, error("BadRequest", "kind must be \"pattern\" or \"command\", got " + request.get("kind")));
        }
        if (!runner.serves(function)) {
            return new Result(200, error("FunctionUnavailable", "No `" + function + "` function is served by this local stack,"
                    + " so " + kind + "s cannot run here yet (this build has no " + function + " Lambda)."));
        }
        try {
            long marker = derived == null ? 0 : derived.marker();
            FunctionRunner.Invocation invocation = runner.invoke(function, payload);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("function", function);
            out.put("payload", payload);
            out.put("answer", invocation.answer());
            out.put("functionError", invocation.functionError());
            out.put("requests", invocation.requests());
            out.put("views", views.around(invocation.requests()));
            out.put("elapsedMs", invocation.elapsedMs());
            if (derived != null && kind.equals("command")) {
                out.put("derived", derived.since(marker));
            }
            return new Result(200, out);
        } catch (IOException e) {
            return new Result(500, error("InvocationFailed", e.getMessage()));
        }
    }

    static Map<String, Object> error(String type, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        error.put("message", message);
        return Map.of("error", error);
    }
}
