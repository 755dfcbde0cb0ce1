package com.example.northwind.local;

import com.example.northwind.command.CommandRequestCheck;
import com.example.northwind.model.AccessPatterns;
import com.example.northwind.model.CommandDefinition;
import com.example.northwind.model.CommandDefinitions;
import com.example.northwind.model.CommandParam;
import com.example.northwind.model.ParamSpec;
import com.example.northwind.query.QueryRequestCheck;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The command line of {@link LocalRun}: {@code [serve] [flags]}, {@code query <pattern> [flags]} or
 * {@code command <name> [flags]}. Unknown flags in query and command mode become parameters ({@code --employeeId 2}
 * = {@code --param employeeId=2}), typed by the pattern's or command's definition in the item model. A query's or
 * command's request is checked by the query or command function's own validation while the line is parsed, so a
 * typo is refused with the function's message before anything starts.
 *
 * @param lambdaPort     serve: the Lambda API's port; query and command: the port of the running stack to use, or
 *                       -1 when not given (the stack served from this folder, if any)
 * @param commandName    the command to run (command mode), or null when {@code payload} names it
 * @param payload        a raw JSON object given with {@code --json '{...}'} (command mode): the whole request when it
 *                       has a {@code "command"} member, else the params; null when not given
 * @param idempotencyKey the command's idempotency key ({@code --idempotency-key}), or null
 * @param helpFor        with {@link Command#HELP}: whose help to print (serve, query or command)
 * @param api            the local HTTP API's port and credentials ({@link LocalApiOptions}; off for query and command)
 */
public record CliOptions(Command command, String pattern, Map<String, Object> params, Long limit, String nextToken,
                         boolean json, boolean verbose,
                         int ddbPort, int lambdaPort, URI ddbEndpoint, Path dbPath, String tableName, Path cdkOut,
                         Path dataDir, Path tokenKeyFile, boolean allowMassDelete, int uiPort,
                         String commandName, Map<String, Object> payload, String idempotencyKey, Command helpFor,
                         LocalApiOptions api) {
    public enum Command { SERVE, QUERY, COMMAND, HELP }

    private static final JSON PAYLOAD_JSON = JSON.std.with(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS);

    public static final int DEFAULT_DDB_PORT = 8000;
    public static final int DEFAULT_LAMBDA_PORT = 3001;
    public static final String DEFAULT_TABLE = "northwind";
    public static final int DEFAULT_UI_PORT = 3002;
    /** Not given: a one-off query or command uses the stack served from this folder. */
    public static final int NO_PORT = -1;

    /**
     * The help text of {@code ./run-local.sh --help} (serve), {@code query --help} or {@code command --help}: the
     * committed files under {@code help/} that run-local.sh prints itself, without building anything.
     */
    public static String usage(Command topic) {
        return switch (topic) {
            case QUERY -> resource("query.txt") + resource("patterns.txt");
            case COMMAND -> resource("command.txt") + resource("commands.txt");
            default -> resource("run-local.txt");
        };
    }

    private static String resource(String name) {
        try (InputStream in = CliOptions.class.getResourceAsStream("/help/" + name)) {
            if (in == null) {
                throw new IllegalStateException("help/" + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("help/" + name + " could not be read: " + e.getMessage(), e);
        }
    }

    public static CliOptions parse(String... args) {
        Command command = Command.SERVE;
        String pattern = null;
        Map<String, Object> params = new LinkedHashMap<>();
        Long limit = null;
        String nextToken = null;
        boolean json = false;
        boolean verbose = false;
        Integer ddbPort = null;
        Integer lambdaPort = null;
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
        Command helpFor = helpAsked(args);
        if (helpFor != null) {
            return new CliOptions(Command.HELP, null, Map.of(), null, null, false, false, DEFAULT_DDB_PORT,
                    DEFAULT_LAMBDA_PORT, null, null, DEFAULT_TABLE, null, null, null, false, DEFAULT_UI_PORT, null, null,
                    null, helpFor, api.build(true));
        }
        if (i < args.length && !args[i].startsWith("--")) {
            switch (args[i]) {
                case "serve" -> command = Command.SERVE;
                case "query" -> command = Command.QUERY;
                case "command" -> command = Command.COMMAND;
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
            params.putAll(queryParams(pattern, rawParams));
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
        if (oneOff && lambdaPort != null && (lambdaPort == 0 || ddbEndpoint != null)) {
            throw new IllegalArgumentException(lambdaPort == 0
                    ? "--lambda-port names the running stack to use: give its port, not 0."
                    : "--lambda-port and --ddb-endpoint each name where to run: give one.");
        }
        int ddb = ddbPort != null ? ddbPort : oneOff ? 0 : DEFAULT_DDB_PORT;
        int lambda = lambdaPort != null ? lambdaPort : oneOff ? NO_PORT : DEFAULT_LAMBDA_PORT;
        // -1 = no explorer: asked for, or a one-off query or command that has no page to serve.
        int ui = noUi || oneOff ? -1 : uiPort != null ? uiPort : DEFAULT_UI_PORT;
        CliOptions options = new CliOptions(command, pattern, params, limit, nextToken, json, verbose, ddb, lambda,
                ddbEndpoint, dbPath, table, cdkOut, dataDir, tokenKeyFile, allowMassDelete, ui, commandName, payload,
                idempotencyKey, null, api.build(oneOff));
        options.check();
        return options;
    }

    /**
     * {@code --help} or {@code -h} anywhere, or {@code help} first, asks for help: the subcommand's, when the line
     * starts with one. Decided before anything else, as run-local.sh decides it, so {@code query --help} never fails
     * for want of a pattern name.
     */
    private static Command helpAsked(String[] args) {
        boolean asked = args.length > 0 && args[0].equals("help");
        for (String arg : args) {
            asked |= arg.equals("--help") || arg.equals("-h");
        }
        if (!asked) {
            return null;
        }
        String first = args.length > 0 ? args[0] : "";
        return first.equals("query") ? Command.QUERY : first.equals("command") ? Command.COMMAND : Command.SERVE;
    }

    /**
     * Refuses, with the function's own ValidationError message, a query or command request its function would
     * refuse, so that nothing is started for a typo (nextTokens are checked by the function that runs them).
     */
    private void check() {
        Optional<String> error;
        if (command == Command.QUERY) {
            error = QueryRequestCheck.validationError(Payloads.bytes(request()));
        } else if (command == Command.COMMAND) {
            error = CommandRequestCheck.validationError(Payloads.bytes(commandRequest()));
        } else {
            return;
        }
        error.ifPresent(message -> {
            throw new IllegalArgumentException("ValidationError: " + message);
        });
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
        if (payload != null) {
            return payload;
        }
        // An unknown command's params are typed loosely: the command function's validation names the command.
        CommandDefinition definition = CommandDefinitions.byName(name).orElse(null);
        Map<String, Object> params = new LinkedHashMap<>();
        rawParams.forEach((param, value) -> params.put(param,
                commandValue(definition == null ? null : definition.param(param), value)));
        if (!lines.isEmpty() && definition != null) {
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

    /**
     * A query's params as the pattern's definition types them: a numeric id as a number when it is digits, text and
     * dates as given (a territory id of digits stays text). A parameter the pattern does not have, or any of an
     * unknown pattern, is typed loosely, for the query function's validation to name it.
     */
    private static Map<String, Object> queryParams(String pattern, Map<String, String> rawParams) {
        Map<String, ParamSpec.Kind> kinds = new LinkedHashMap<>();
        AccessPatterns.byName(pattern).ifPresent(p -> p.params().forEach(spec -> kinds.put(spec.name(), spec.kind())));
        Map<String, Object> params = new LinkedHashMap<>();
        rawParams.forEach((name, value) -> {
            ParamSpec.Kind kind = kinds.get(name);
            params.put(name, kind == null ? typed(value)
                    : kind == ParamSpec.Kind.NUMERIC_ID && value.matches("0|[1-9][0-9]{0,17}") ? (Object) Long.parseLong(value)
                    : value);
        });
        return params;
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
