package com.example.northwind.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command line of {@link LocalRun}: {@code [serve] [flags]} or {@code query <pattern> [flags]}.
 * Unknown flags in query mode become the pattern's parameters ({@code --employeeId 2} = {@code --param employeeId=2}).
 */
public record CliOptions(Command command, String pattern, Map<String, Object> params, Long limit, String nextToken,
                         boolean json, boolean verbose,
                         int ddbPort, int lambdaPort, URI ddbEndpoint, Path dbPath, String tableName, Path cdkOut,
                         Path dataDir, Path tokenKeyFile, boolean allowMassDelete, int uiPort) {
    public enum Command { SERVE, QUERY, HELP }

    public static final int DEFAULT_DDB_PORT = 8000;
    public static final int DEFAULT_LAMBDA_PORT = 3001;
    public static final String DEFAULT_TABLE = "northwind";
    public static final int DEFAULT_UI_PORT = 3002;

    public static final String USAGE = """
            Usage:
              run-local.sh [serve] [flags]          start DynamoDB Local + the query function's Lambda API; Ctrl-C stops
              run-local.sh query <pattern> [flags]  run one access pattern and print its items as a table

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
            Query flags:
              --param NAME=VALUE  a parameter of the pattern (repeatable); --NAME VALUE works too
              --limit N           page size
              --next-token T      the next page (the token a previous answer printed)
              --json              print the function's JSON answer instead of a table
              --verbose           also show the handlers' JSON log lines (serve always shows them, on stderr)

            Examples:
              ./run-local.sh
              ./run-local.sh query employee --param employeeId=2
              ./run-local.sh query recentOrders --limit 5
              ./run-local.sh query directReports --employeeId 2 --json
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
        int i = 0;
        if (i < args.length && !args[i].startsWith("--")) {
            switch (args[i]) {
                case "serve" -> command = Command.SERVE;
                case "query" -> command = Command.QUERY;
                case "help" -> command = Command.HELP;
                default -> throw new IllegalArgumentException("Unknown command \"" + args[i] + "\" (expected serve or query).");
            }
            i++;
        }
        if (command == Command.QUERY) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException("query needs a pattern name, e.g. `query employee --employeeId 2`.");
            }
            pattern = args[i++];
        }
        for (; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--help", "-h" -> command = Command.HELP;
                case "--json" -> json = true;
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
                    params.put(pair.substring(0, eq), typed(pair.substring(eq + 1)));
                }
                default -> {
                    if (command == Command.QUERY && flag.startsWith("--") && flag.length() > 2) {
                        params.put(flag.substring(2), typed(value(args, ++i, flag)));
                    } else {
                        throw new IllegalArgumentException("Unknown argument \"" + flag + "\" (see --help).");
                    }
                }
            }
        }
        if (command != Command.QUERY && (json || !params.isEmpty() || limit != null || nextToken != null)) {
            throw new IllegalArgumentException("--json, --limit, --next-token and --param belong to the query command.");
        }
        if (ddbEndpoint != null && (ddbPort != null || dbPath != null)) {
            throw new IllegalArgumentException("--ddb-endpoint uses an existing DynamoDB: --ddb-port and --db-path do not apply.");
        }
        if (noUi && uiPort != null) {
            throw new IllegalArgumentException("--no-ui and --ui-port contradict each other: give one.");
        }
        int ddb = ddbPort != null ? ddbPort : command == Command.QUERY ? 0 : DEFAULT_DDB_PORT;
        // -1 = no explorer: asked for, or a one-off query that has no page to serve.
        int ui = noUi || command == Command.QUERY ? -1 : uiPort != null ? uiPort : DEFAULT_UI_PORT;
        return new CliOptions(command, pattern, params, limit, nextToken, json, verbose, ddb, lambdaPort, ddbEndpoint, dbPath, table, cdkOut, dataDir,
                tokenKeyFile, allowMassDelete, ui);
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

    private static int port(String flag, String value) {
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
