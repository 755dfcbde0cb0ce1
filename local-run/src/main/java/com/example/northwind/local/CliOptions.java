package com.example.northwind.local;

import com.example.northwind.model.CommandDefinition;
import com.example.northwind.model.CommandDefinitions;
import com.example.northwind.model.CommandParam;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The command line of {@link LocalRun}: {@code [serve] [flags]}, {@code query <pattern> [flags]} or
 * {@code command <name> [flags]}. Unknown flags in query and command mode become parameters ({@code --employeeId 2}
 * = {@code --param employeeId=2}); a command's parameters are typed by its definition in {@link CommandDefinitions}.
 *
 * @param commandName    the command to run (command mode), or null when {@code payload} names it
 * @param payload        a raw JSON object given with {@code --json '{...}'} (command mode): the whole request when it
 *                       has a {@code "command"} member, else the params; null when not given
 * @param idempotencyKey the command's idempotency key ({@code --idempotency-key}), or null
 * @param api            the local HTTP API's port and credentials ({@link LocalApiOptions}; off for query and command)
 */
public record CliOptions(Command command, String pattern, Map<String, Object> params, Long limit, String nextToken,
                         boolean json, boolean verbose,
                         int ddbPort, int lambdaPort, URI ddbEndpoint, Path dbPath, String tableName, Path cdkOut,
                         Path dataDir, Path tokenKeyFile, boolean allowMassDelete, int uiPort,
                         String commandName, Map<String, Object> payload, String idempotencyKey, LocalApiOptions api) {
    public enum Command { SERVE, QUERY, COMMAND, HELP }

    private static final JSON PAYLOAD_JSON = JSON.std.with(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS);

    public static final int DEFAULT_DDB_PORT = 8000;
    public static final int DEFAULT_LAMBDA_PORT = 3001;
    public static final String DEFAULT_TABLE = "northwind";
    public static final int DEFAULT_UI_PORT = 3002;

    public static final String USAGE = """
            Usage:
              run-local.sh [serve] [flags]          start DynamoDB Local + the query and command functions' Lambda API;
                                                    Ctrl-C stops
              run-local.sh query <pattern> [flags]  run one access pattern and print its items as a table
              run-local.sh command <name> [flags]   run one command and print its result (on a fresh seeded table, or
                                                    on a running stack's with --ddb-endpoint)

            Flags:
              --ddb-port N        DynamoDB Local port on 127.0.0.1 (serve: 8000; query: a free port)
              --lambda-port N     Lambda Invoke API port on 127.0.0.1 (default 3001)
              --ddb-endpoint URL  use this DynamoDB instead of starting DynamoDB Local (table created if missing;
                                  serve reseeds it, query seeds it only when it had to create it)
              --db-path DIR       keep DynamoDB Local's database on disk in DIR (default: in memory)
              --table NAME        table name (default northwind)
              --cdk-out DIR       synthesized app to read the table and seed event from (default ./cdk.out)
              --data-dir DIR      Northwind CSV folder (default: -Dnorthwind.dir, $NORTHWIND_DIR, ../shared/northwind);
                                  run-local.sh synthesizes the app from it, so the template's checksum matches
              --allow-mass-delete let this seed delete more than 10 % of the table's items (rows really removed);
                                  without it such a seed is refused, as a truncated CSV would cause it
              --token-key-file F  the nextToken key (64 hex characters), created if missing, so tokens survive a
                                  restart (default: DIR/page-token.key with --db-path DIR, else a new random key)
              --ui-port N         design explorer page on 127.0.0.1 (serve; default 3002)
              --no-ui             do not serve the design explorer
              --api-port N        HTTP API on 127.0.0.1, SigV4 checked (serve; default 3000); --no-api: none
              --api-access-key K, --api-secret-key S, --api-region R
                                  what the HTTP API checks signatures against (default local, local, us-east-1)
            Query flags:
              --param NAME=VALUE  a parameter of the pattern (repeatable); --NAME VALUE works too
              --limit N           page size
              --next-token T      the next page (the token a previous answer printed)
              --json              print the function's JSON answer instead of a table
              --verbose           also show the handlers' JSON log lines (serve always shows them, on stderr)
            Command flags:
              --param NAME=VALUE  a parameter of the command (repeatable; --NAME VALUE works too), typed by the
                                  command's definition: ids and integers as numbers, decimals, true/false, text;
                                  null clears a clearable field; lines=[{...}] as JSON
              --line P:Q[:D]      placeOrder: a line of product P, quantity Q, discount D (repeatable)
              --idempotency-key K the command's idempotency key: a repeat with the same key answers the first result
              --json '{...}'      the payload as raw JSON: the whole request when it has "command", else the params
              --json              (without a JSON object) print the function's JSON answer instead of key: value lines
              --verbose           also show the handler's JSON log lines

            Examples:
              ./run-local.sh
              ./run-local.sh query employee --param employeeId=2
              ./run-local.sh query recentOrders --limit 5
              ./run-local.sh query directReports --employeeId 2 --json
              ./run-local.sh command placeOrder --param customerId=ALFKI --param employeeId=1 --line 11:2 --line 72:1
              ./run-local.sh command updateProduct --productId 11 --unitPrice 22.50 --idempotency-key price-11
              ./run-local.sh command shipOrder --json '{"orderId":11077}' --ddb-endpoint http://127.0.0.1:8000
            """;

    public static CliOptions parse(String... args) {
        Command command = Command.SERVE;
        String pattern = null;
        Map<String, Object> params = new LinkedHashMap<>();
        Long limit = null;
        String nextToken = null;
        boolean json = false;
        boolean verbose = false;
        Integer ddbPort = null;
        int lambdaPort = DEFAULT_LAMBDA_PORT;
        Integer uiPort = null;
        boolean noUi = false;
        URI ddbEndpoint = null;
        Path dbPath = null;
        String table = DEFAULT_TABLE;
        Path cdkOut = null;
        Path dataDir = null;
        Path tokenKeyFile = null;
        boolean allowMassDelete = false;
        String commandName = null;
        Map<String, Object> payload = null;
        String idempotencyKey = null;
        Map<String, String> rawParams = new LinkedHashMap<>();
        List<Object> lines = new ArrayList<>();
        LocalApiOptions.Flags api = new LocalApiOptions.Flags();
        int i = 0;
        if (i < args.length && !args[i].startsWith("--")) {
            switch (args[i]) {
                case "serve" -> command = Command.SERVE;
                case "query" -> command = Command.QUERY;
                case "command" -> command = Command.COMMAND;
                case "help" -> command = Command.HELP;
                default -> throw new IllegalArgumentException("Unknown command \"" + args[i] + "\" (expected serve, query or command).");
            }
            i++;
        }
        if (command == Command.QUERY) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException("query needs a pattern name, e.g. `query employee --employeeId 2`.");
            }
            pattern = args[i++];
        }
        if (command == Command.COMMAND && i < args.length && !args[i].startsWith("--")) {
            commandName = args[i++];
        }
        for (; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--help", "-h" -> command = Command.HELP;
                case "--json" -> {
                    if (command == Command.COMMAND && i + 1 < args.length && args[i + 1].strip().startsWith("{")) {
                        if (payload != null) {
                            throw new IllegalArgumentException("--json '{...}' is given twice: give the payload once.");
                        }
                        payload = jsonObject(args[++i]);
                    } else {
                        json = true;
                    }
                }
                case "--line" -> lines.add(line(value(args, ++i, flag)));
                case "--idempotency-key" -> idempotencyKey = value(args, ++i, flag);
                case "--verbose", "-v" -> verbose = true;
                case "--ddb-port" -> ddbPort = port(flag, value(args, ++i, flag));
                case "--lambda-port" -> lambdaPort = port(flag, value(args, ++i, flag));
                case "--ui-port" -> uiPort = port(flag, value(args, ++i, flag));
                case "--no-ui" -> noUi = true;
                case "--ddb-endpoint" -> ddbEndpoint = endpoint(value(args, ++i, flag));
                case "--db-path" -> dbPath = Path.of(value(args, ++i, flag));
                case "--table" -> table = value(args, ++i, flag);
                case "--cdk-out" -> cdkOut = Path.of(value(args, ++i, flag));
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, flag));
                case "--token-key-file" -> tokenKeyFile = Path.of(value(args, ++i, flag));
                case "--allow-mass-delete" -> allowMassDelete = true;
                case "--limit" -> limit = number(flag, value(args, ++i, flag));
                case "--next-token" -> nextToken = value(args, ++i, flag);
                case "--param" -> {
                    String pair = value(args, ++i, flag);
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--param needs NAME=VALUE, got \"" + pair + "\".");
                    }
                    rawParams.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                default -> {
                    if (LocalApiOptions.Flags.owns(flag)) {
                        i = api.accept(args, i);
                    } else if ((command == Command.QUERY || command == Command.COMMAND) && flag.startsWith("--") && flag.length() > 2) {
                        rawParams.put(flag.substring(2), value(args, ++i, flag));
                    } else {
                        throw new IllegalArgumentException("Unknown argument \"" + flag + "\" (see --help).");
                    }
                }
            }
        }
        if (command == Command.COMMAND) {
            if (limit != null || nextToken != null) {
                throw new IllegalArgumentException("--limit and --next-token belong to the query command.");
            }
            params.putAll(commandParams(commandName, payload, rawParams, lines));
            if (payload != null && payload.containsKey("command") && idempotencyKey != null) {
                throw new IllegalArgumentException("--json with a whole request is sent as it is: put the"
                        + " idempotencyKey in it instead of --idempotency-key.");
            }
            if (commandName == null && (payload == null || !payload.containsKey("command"))) {
                throw new IllegalArgumentException("command needs a command name, e.g. `command shipOrder --orderId 11077`"
                        + " (commands: " + commandNames() + ").");
            }
        } else {
            rawParams.forEach((name, value) -> params.put(name, typed(value)));
        }
        if (command != Command.COMMAND && (payload != null || !lines.isEmpty() || idempotencyKey != null)) {
            throw new IllegalArgumentException("--line, --idempotency-key and --json '{...}' belong to `command`.");
        }
        if (command != Command.QUERY && command != Command.COMMAND
                && (json || !params.isEmpty() || limit != null || nextToken != null)) {
            throw new IllegalArgumentException("--json, --limit, --next-token and --param belong to `query` (and all but --limit and --next-token to `command`).");
        }
        if (ddbEndpoint != null && (ddbPort != null || dbPath != null)) {
            throw new IllegalArgumentException("--ddb-endpoint uses an existing DynamoDB: --ddb-port and --db-path do not apply.");
        }
        if (noUi && uiPort != null) {
            throw new IllegalArgumentException("--no-ui and --ui-port contradict each other: give one.");
        }
        boolean oneOff = command == Command.QUERY || command == Command.COMMAND;
        int ddb = ddbPort != null ? ddbPort : oneOff ? 0 : DEFAULT_DDB_PORT;
        // -1 = no explorer: asked for, or a one-off query or command that has no page to serve.
        int ui = noUi || oneOff ? -1 : uiPort != null ? uiPort : DEFAULT_UI_PORT;
        return new CliOptions(command, pattern, params, limit, nextToken, json, verbose, ddb, lambdaPort, ddbEndpoint, dbPath, table, cdkOut, dataDir,
                tokenKeyFile, allowMassDelete, ui, commandName, payload, idempotencyKey, api.build(oneOff));
    }

    /**
     * The command's request: {@code {"command": ..., "params": {...}, "idempotencyKey": ...}}, or the raw payload of
     * {@code --json '{...}'} as it is when that names the command itself.
     */
    public Map<String, Object> commandRequest() {
        if (payload != null && payload.containsKey("command")) {
            return payload;
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("command", commandName);
        request.put("params", params);
        if (idempotencyKey != null) {
            request.put("idempotencyKey", idempotencyKey);
        }
        return request;
    }

    /**
     * A command's params from the command line. With a whole request as {@code --json} nothing else may be given (it is
     * sent as it is); with a params object, nothing but {@code --idempotency-key}. Otherwise each {@code --param} is
     * typed by the command's definition and each {@code --line} adds a placeOrder line.
     */
    private static Map<String, Object> commandParams(String name, Map<String, Object> payload, Map<String, String> rawParams,
                                                     List<Object> lines) {
        if (payload != null) {
            if (!rawParams.isEmpty() || !lines.isEmpty()) {
                throw new IllegalArgumentException("--json '{...}' is the whole payload: give the params in it, not also"
                        + " with --param or --line.");
            }
            if (payload.containsKey("command")) {
                if (name != null && !name.equals(payload.get("command"))) {
                    throw new IllegalArgumentException("the command is named twice: \"" + name + "\" and \""
                            + payload.get("command") + "\" in --json.");
                }
                return Map.of();
            }
        }
        if (name == null) {
            return Map.of();
        }
        CommandDefinition definition = CommandDefinitions.byName(name).orElseThrow(() -> new IllegalArgumentException(
                "Unknown command \"" + name + "\" (commands: " + commandNames() + ")."));
        if (payload != null) {
            return payload;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        rawParams.forEach((param, value) -> params.put(param, commandValue(definition.param(param), value)));
        if (!lines.isEmpty()) {
            CommandParam linesParam = definition.params().stream()
                    .filter(p -> p.kind() == CommandParam.Kind.ORDER_LINES).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--line belongs to placeOrder: " + name + " has no lines."));
            if (params.containsKey(linesParam.name())) {
                throw new IllegalArgumentException("the lines are given twice: use --line or --param "
                        + linesParam.name() + "=[...], not both.");
            }
            params.put(linesParam.name(), lines);
        }
        return params;
    }

    /**
     * A {@code --param} value as the command's definition types it: ids and integers as numbers, decimals exactly,
     * true/false as booleans, order lines as a JSON array, {@code null} as JSON null for a clearable field, text and
     * dates as given (a postal code or territory id with digits stays text). A value that is not of its kind is sent
     * as text, for the function to refuse with its own message; a parameter the command does not have is typed
     * loosely, for the same reason.
     */
    static Object commandValue(CommandParam param, String value) {
        if (param == null) {
            return typed(value);
        }
        if (value.equals("null") && param.clearable()) {
            return null;
        }
        return switch (param.kind()) {
            case NUMERIC_ID, INTEGER -> value.matches("-?(0|[1-9][0-9]{0,17})") ? (Object) Long.parseLong(value) : value;
            case DECIMAL -> value.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?") ? new BigDecimal(value) : value;
            case BOOLEAN -> value.equals("true") || value.equals("false") ? (Object) Boolean.parseBoolean(value) : value;
            case ORDER_LINES -> jsonArray(param.name(), value);
            case TEXT, DATE -> value;
        };
    }

    /** {@code P:Q[:D]}: a placeOrder line {productId: P, quantity: Q, discount: D}. */
    static Map<String, Object> line(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || !parts[0].matches("[0-9]{1,10}") || !parts[1].matches("[0-9]{1,9}")
                || (parts.length == 3 && !parts[2].matches("[0-9]+(\\.[0-9]+)?"))) {
            throw new IllegalArgumentException("--line needs PRODUCT:QUANTITY[:DISCOUNT] (e.g. 11:2 or 72:1:0.05), got \""
                    + spec + "\".");
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("productId", Long.parseLong(parts[0]));
        line.put("quantity", Long.parseLong(parts[1]));
        if (parts.length == 3) {
            line.put("discount", new BigDecimal(parts[2]));
        }
        return line;
    }

    private static String commandNames() {
        return CommandDefinitions.all().stream().map(CommandDefinition::name).collect(Collectors.joining(", "));
    }

    private static Map<String, Object> jsonObject(String text) {
        try {
            Object parsed = PAYLOAD_JSON.anyFrom(text);
            if (parsed instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) map;
                return object;
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--json needs a JSON object, got \"" + text + "\": " + e.getMessage());
        }
        throw new IllegalArgumentException("--json needs a JSON object, got \"" + text + "\".");
    }

    private static Object jsonArray(String name, String text) {
        try {
            Object parsed = PAYLOAD_JSON.anyFrom(text);
            if (parsed instanceof List<?>) {
                return parsed;
            }
        } catch (IOException e) {
            // Reported below, as for a value that is JSON but no array.
        }
        throw new IllegalArgumentException("--param " + name + " needs a JSON array like [{\"productId\":11,\"quantity\":2}]"
                + " (or use --line 11:2), got \"" + text + "\".");
    }

    /** The query's request: {"pattern": ..., "params": {...}, "limit": ..., "nextToken": ...}. */
    public Map<String, Object> request() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("pattern", pattern);
        request.put("params", params);
        if (limit != null) {
            request.put("limit", limit);
        }
        if (nextToken != null) {
            request.put("nextToken", nextToken);
        }
        return request;
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value.");
        }
        return args[index];
    }

    static int port(String flag, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a port number 0-65535, got \"" + value + "\".");
        }
    }

    private static long number(String flag, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, got \"" + value + "\".");
        }
    }

    private static URI endpoint(String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--ddb-endpoint must be a URL like http://127.0.0.1:8000, got \"" + value + "\".");
        }
    }

    /** Numbers as numbers (ids are numeric in Northwind), true/false as booleans; leading zeros stay text. */
    static Object typed(String value) {
        if (value.matches("-?(0|[1-9][0-9]{0,17})")) {
            return Long.parseLong(value);
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        return value;
    }
}
