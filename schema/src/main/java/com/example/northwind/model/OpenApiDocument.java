package com.example.northwind.model;

import com.example.northwind.schema.EntityType;
import com.example.northwind.schema.HttpApiContract;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OpenAPI 3 document of the HTTP API ({@value #FILE}), generated from the item model: an operation per access
 * pattern ({@code GET /patterns/<name>}) and per command ({@code POST /commands/<name>}), every parameter with its
 * type, format, bounds and example ({@link AccessPatterns}, {@link CommandDefinitions}, {@link ParamLimits}), the
 * answers' schemas (the items each pattern can return, {@link AnswerShapes}, shown as its {@link AnswerView} shows
 * them; each command's result, {@link CommandResults}), the errors, and the IAM (SigV4) security scheme. It describes
 * the default deployment: the opt-in JWT routes are documented in docs/http-api.md. A pattern or command added to the
 * model appears here when {@code ./generate-docs.sh} runs; {@code GeneratedDocsTest} fails until it has.
 */
public final class OpenApiDocument {
    /** Where the document is committed, relative to the project root. */
    public static final String FILE = "docs/openapi.json";
    static final String SECURITY_SCHEME = "sigv4";

    private final Map<String, Object> schemas = new LinkedHashMap<>();

    private OpenApiDocument() {
    }

    /** The document as committed: pretty-printed JSON. */
    public static String json() {
        return JsonText.pretty(new OpenApiDocument().build());
    }

    private Map<String, Object> build() {
        schemas.put("Error", errorSchema());
        schemas.put("GatewayError", object(Map.of("message", string("API Gateway's own message")), List.of("message"), true,
                "An answer of API Gateway itself (authorization, throttling, a function error, no such route)."));
        schemas.put("QueryStats", queryStats());
        schemas.put("CommandStats", commandStats());
        Map<String, Object> paths = new LinkedHashMap<>();
        for (PatternDefinition pattern : AccessPatterns.all()) {
            paths.put(HttpApiContract.patternPath(pattern.name()), Map.of("get", patternOperation(pattern)));
        }
        for (CommandDefinition command : CommandDefinitions.all()) {
            paths.put(HttpApiContract.commandPath(command.name()), Map.of("post", commandOperation(command)));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.0.3");
        document.put("info", info());
        document.put("servers", List.of(
                ordered("url", "https://{apiId}.execute-api.{region}.amazonaws.com", "description",
                        "The deployed API: the HttpApiUrl output of the NorthwindService stack",
                        "variables", ordered("apiId", Map.of("default", "abcdef1234"), "region", Map.of("default", "us-east-1"))),
                ordered("url", "http://127.0.0.1:3000", "description", "./run-local.sh (SigV4 with the printed local credentials)")));
        document.put("security", List.of(Map.of(SECURITY_SCHEME, List.of())));
        document.put("tags", List.of(
                ordered("name", "patterns", "description", "Access patterns: one GetItem or Query each, read-only"),
                ordered("name", "commands", "description", "Commands: one transaction each, keeping every copy in step")));
        document.put("paths", paths);
        document.put("components", ordered("securitySchemes", Map.of(SECURITY_SCHEME, securityScheme()),
                "responses", responses(), "schemas", schemas));
        return document;
    }

    private static Map<String, Object> info() {
        return ordered("title", "Northwind on DynamoDB: HTTP API", "version", "1",
                "description", String.join("\n",
                        "The query and command functions behind an API Gateway HTTP API (payload format 2.0, the functions'"
                                + " `live` aliases). Routes: `" + HttpApiContract.QUERY_METHOD + " "
                                + HttpApiContract.QUERY_ROUTE_PATH + "` and `" + HttpApiContract.COMMAND_METHOD + " "
                                + HttpApiContract.COMMAND_ROUTE_PATH + "`; each pattern and command has its operation"
                                + " below. A name that is neither gets 404 with the error shape (type NotFound).",
                        "",
                        "Every route is authorized by IAM: sign requests with SigV4 for the service `execute-api`. Errors"
                                + " the functions answer have the shape `{\"error\": {\"type\", \"message\"}}`; API"
                                + " Gateway's own (403, 429, 500) have `{\"message\"}`. Generated from the item model"
                                + " by ./generate-docs.sh; docs/http-api.md explains the API."));
    }

    private static Map<String, Object> securityScheme() {
        Map<String, Object> scheme = ordered("type", "apiKey", "name", "Authorization", "in", "header",
                "description", "AWS Signature Version 4 (service execute-api). The caller needs execute-api:Invoke on"
                        + " the route (NorthwindHttpApi.grantInvoke).");
        scheme.put("x-amazon-apigateway-authtype", "awsSigv4");
        return scheme;
    }

    // ---- patterns ----

    private Map<String, Object> patternOperation(PatternDefinition pattern) {
        boolean paged = pattern.symbolicReads().values().stream().noneMatch(r -> r instanceof Read.Get);
        List<Object> parameters = new ArrayList<>();
        for (ParamSpec param : pattern.params()) {
            Map<String, Object> parameter = ordered("name", param.name(), "in", "query", "required", param.required(),
                    "description", describe(param.kind()), "schema", paramSchema(param.kind()));
            if (pattern.example().containsKey(param.name())) {
                parameter.put("example", pattern.example().get(param.name()));
            }
            parameters.add(parameter);
        }
        if (paged) {
            Map<String, Object> limit = integer(1, ParamLimits.MAX_LIMIT);
            limit.put("default", ParamLimits.DEFAULT_LIMIT);
            parameters.add(ordered("name", HttpApiContract.LIMIT, "in", "query", "required", false,
                    "description", "items per page", "schema", limit));
            parameters.add(ordered("name", HttpApiContract.NEXT_TOKEN, "in", "query", "required", false,
                    "description", "the nextToken of the previous page's answer",
                    "schema", ordered("type", "string", "minLength", 1, "maxLength", ParamLimits.MAX_NEXT_TOKEN)));
        }
        String answer = "PatternAnswer." + pattern.name();
        schemas.put(answer, patternAnswer(pattern, paged));
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", ordered("description", pattern.answers(), "content", json(ref(answer))));
        responses.put("400", responseRef("ValidationError"));
        responses.put("403", responseRef("Forbidden"));
        responses.put("429", responseRef("TooManyRequests"));
        responses.put("500", responseRef("InternalServerError"));
        String reads = pattern.symbolicReads().entrySet().stream()
                .map(e -> (e.getKey().isEmpty() ? "" : e.getKey() + ": ") + e.getValue().describe())
                .collect(Collectors.joining("; "));
        return ordered("tags", List.of("patterns"), "operationId", pattern.name(), "summary", pattern.answers(),
                "description", "One request per page: " + reads + ".", "parameters", parameters, "responses", responses);
    }

    private Map<String, Object> patternAnswer(PatternDefinition pattern, boolean paged) {
        List<Object> itemSchemas = new ArrayList<>();
        for (ItemShape shape : AnswerShapes.of(pattern)) {
            Object item = ref(itemSchema(shape, pattern.view()));
            if (!itemSchemas.contains(item)) {
                itemSchemas.add(item);
            }
        }
        Map<String, Object> items = ordered("type", "array", "maxItems", paged ? ParamLimits.MAX_LIMIT : 1,
                "items", itemSchemas.size() == 1 ? itemSchemas.get(0) : Map.of("oneOf", itemSchemas));
        Map<String, Object> nextToken = ordered("type", "string", "nullable", true, "description", paged
                ? "pass it as nextToken for the next page; null on the last page"
                : "always null: the pattern reads one item");
        return object(ordered("pattern", ordered("type", "string", "enum", List.of(pattern.name())), "items", items,
                        "nextToken", nextToken, "stats", ref("QueryStats")),
                List.of("pattern", "items", "nextToken", "stats"), false, null);
    }

    /**
     * The schema of an answer item of this shape under this view, registered once by name: the entity's type name for
     * the stored entity ({@code Order}), the view's name for the views that show part of an edge ({@code TerritoryView}).
     */
    private String itemSchema(ItemShape shape, AnswerView view) {
        EntityType type = view.type() == null ? shape.entity() : view.type();
        List<String> attributes = view.attributes().isEmpty() ? shape.attributeNames() : view.attributes();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("type", ordered("type", "string", "enum", List.of(type.typeName())));
        List<String> required = new ArrayList<>(List.of("type"));
        for (String attribute : attributes) {
            properties.put(attribute, valueSchema(columnType(shape, type, attribute)));
            if (Entities.idColumns(type).contains(attribute)) {
                required.add(attribute);
            }
        }
        String description = view.type() == null ? type.typeName() + ": every attribute the item holds but its keys"
                : view.describe() + ", from the " + shape.entity().typeName() + " " + shape.role();
        Map<String, Object> schema = object(properties, required, false, description);
        String name = view.type() == null ? type.typeName() : camel(view.name()) + "View";
        Object existing = schemas.get(name);
        if (existing != null && !((Map<?, ?>) existing).get("properties").equals(properties)) {
            name = name + "." + camel(shape.kind());
        }
        schemas.putIfAbsent(name, schema);
        return name;
    }

    /** The type of an attribute an item carries: the entity's own column, or one it copies from a related entity. */
    private static ValueType columnType(ItemShape shape, EntityType viewType, String attribute) {
        List<EntityType> sources = new ArrayList<>(List.of(viewType, shape.entity()));
        ItemModel.enrichments(shape.entity()).forEach(e -> sources.add(e.from()));
        for (EntityType source : sources) {
            for (Column column : Entities.columns(source)) {
                if (column.name().equals(attribute)) {
                    return column.type();
                }
            }
        }
        throw new IllegalStateException(shape.kind() + " carries " + attribute + ", which no entity it draws on has");
    }

    private static Map<String, Object> queryStats() {
        return object(ordered("requests", integerOf("DynamoDB requests this page made (always 1)"),
                        "count", integerOf("items returned"),
                        "scannedCount", integerOf("items DynamoDB read (equal to count: no filter); absent for a GetItem"),
                        "consumedCapacity", numberOf("read capacity units consumed")),
                List.of("requests", "count", "consumedCapacity"), false, "What the page cost.");
    }

    // ---- commands ----

    private Map<String, Object> commandOperation(CommandDefinition command) {
        String params = "CommandParams." + command.name();
        String answer = "CommandAnswer." + command.name();
        String result = "CommandResult." + command.name();
        schemas.put(params, commandParams(command));
        schemas.put(result, commandResult(command));
        schemas.put(answer, object(ordered("command", ordered("type", "string", "enum", List.of(command.name())),
                "result", ref(result), "stats", ref("CommandStats")), List.of("command", "result", "stats"), false, null));
        Map<String, Object> keyHeader = ordered("name", HttpApiContract.IDEMPOTENCY_KEY_HEADER, "in", "header",
                "required", false, "description", "makes a retry safe: a repeat with the same key and params answers the"
                        + " first result and writes nothing (stats.replayed); the same key with other params is a Conflict",
                "schema", ordered("type", "string", "pattern", "^" + ParamLimits.IDEMPOTENCY_KEY_PATTERN + "$"),
                "example", command.name() + "-1");
        Map<String, Object> body = ordered("schema", ref(params), "example", new LinkedHashMap<>(command.example()));
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", ordered("description", "done: " + command.effect(), "content", json(ref(answer))));
        responses.put("400", responseRef("ValidationError"));
        responses.put("403", responseRef("Forbidden"));
        responses.put("404", responseRef("NotFound"));
        responses.put("409", responseRef("Conflict"));
        responses.put("413", responseRef("PayloadTooLarge"));
        responses.put("429", responseRef("TooManyRequests"));
        responses.put("500", responseRef("InternalServerError"));
        return ordered("tags", List.of("commands"), "operationId", command.name(), "summary", command.effect(),
                "description", "One TransactWriteItems (after the few reads it needs). Params: " + command.signature() + ".",
                "parameters", List.of(keyHeader),
                "requestBody", ordered("required", true, "content", Map.of("application/json", body)),
                "responses", responses);
    }

    private static Map<String, Object> commandParams(CommandDefinition command) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (CommandParam param : command.params()) {
            Map<String, Object> schema = commandParamSchema(param);
            schema.put("description", param.description());
            if (param.clearable()) {
                schema.put("nullable", true);
            }
            properties.put(param.name(), schema);
            if (param.required()) {
                required.add(param.name());
            }
        }
        Map<String, Object> schema = object(properties, required, false, command.name() + "'s params");
        if (ParamLimits.needsAChange(command.name())) {
            schema.put("minProperties", 2); // the id and at least one field to change
        }
        return schema;
    }

    private static Map<String, Object> commandParamSchema(CommandParam param) {
        boolean nonNegative = ParamLimits.NON_NEGATIVE.contains(param.name());
        return switch (param.kind()) {
            case NUMERIC_ID -> idSchema();
            case TEXT -> textSchema();
            case DATE -> dateSchema();
            case BOOLEAN -> ordered("type", "boolean");
            case INTEGER -> {
                Map<String, Object> schema = ordered("type", "integer", "format", "int64");
                schema.put("minimum", nonNegative ? 0L : -ParamLimits.MAX_COUNT);
                schema.put("maximum", ParamLimits.MAX_COUNT);
                yield schema;
            }
            case DECIMAL -> decimalSchema(nonNegative ? BigDecimal.ZERO : ParamLimits.MAX_MONEY.negate(),
                    ParamLimits.MAX_MONEY, false);
            case ORDER_LINES -> {
                Map<String, Object> quantity = integer(1, ParamLimits.MAX_QUANTITY);
                Map<String, Object> line = object(ordered("productId", idSchema(), "quantity", quantity,
                                "discount", decimalSchema(BigDecimal.ZERO, ParamLimits.MAX_DISCOUNT_EXCLUSIVE, true)),
                        List.of("productId", "quantity"), false, "one product, once per order");
                yield ordered("type", "array", "minItems", 1, "maxItems", ParamLimits.MAX_LINES, "items", line);
            }
        };
    }

    private Map<String, Object> commandResult(CommandDefinition command) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (CommandResults.Field field : CommandResults.of(command)) {
            properties.put(field.name(), switch (field.kind()) {
                case ENTITY -> ref(entitySchema(field.entity()));
                case ENTITIES -> ordered("type", "array", "items", ref(entitySchema(field.entity())));
                case VALUE -> valueSchema(Entities.column(field.entity(), field.columns().get(0)).type());
                case FLAG -> ordered("type", "boolean");
                case ROWS -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    field.columns().forEach(c -> row.put(c, valueSchema(Entities.column(field.entity(), c).type())));
                    yield ordered("type", "array", "items", object(row, field.columns(), false, null));
                }
            });
        }
        return object(properties, List.copyOf(properties.keySet()), false, "what " + command.name() + " answers");
    }

    /** An entity as the query API shows it: its first item shape (the entity item, or an order line's edge). */
    private String entitySchema(EntityType type) {
        return itemSchema(ItemModel.shapes(type).get(0), AnswerView.ENTITY);
    }

    private static Map<String, Object> commandStats() {
        return object(ordered("requests", integerOf("DynamoDB requests the command made (its reads, the transaction)"),
                        "consumedCapacity", numberOf("capacity units DynamoDB reported"),
                        "consumedCapacityByTarget", ordered("type", "object", "additionalProperties", Map.of("type", "number"),
                                "description", "units per table and index"),
                        "attempts", integerOf("transactions tried (concurrent writers make it retry); 0 for a replay"),
                        "replayed", ordered("type", "boolean", "description", "present (true) when an Idempotency-Key"
                                + " repeated an earlier command: its first result, nothing written")),
                List.of("requests", "consumedCapacity", "consumedCapacityByTarget", "attempts"), false, "What the command cost.");
    }

    // ---- errors ----

    private static Map<String, Object> errorSchema() {
        Map<String, Object> error = object(ordered(
                        "type", ordered("type", "string", "enum", List.of(HttpApiContract.VALIDATION_ERROR,
                                HttpApiContract.NOT_FOUND, HttpApiContract.CONFLICT, HttpApiContract.PAYLOAD_TOO_LARGE)),
                        "message", string("what is wrong, in the caller's words")),
                List.of("type", "message"), false, null);
        return object(Map.of("error", error), List.of("error"), false,
                "A refused request, answered by the function; nothing was written.");
    }

    private static Map<String, Object> responses() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ValidationError", errorResponse("the request is wrong (a missing, extra or ill-typed parameter, a value"
                + " out of range, a nextToken of another query); decided before the table is read", "Error"));
        out.put("NotFound", errorResponse("something the command names does not exist (or no such pattern or command)",
                "Error"));
        out.put("Conflict", errorResponse("the data forbids it (not enough stock, already shipped, an idempotency key"
                + " reused with other params, writes that kept racing)", "Error"));
        out.put("PayloadTooLarge", errorResponse("the body is larger than " + HttpApiContract.MAX_BODY_BYTES + " bytes",
                "Error"));
        out.put("Forbidden", errorResponse("API Gateway refused the request: unsigned, badly signed, expired, or the"
                + " caller may not execute-api:Invoke the route", "GatewayError"));
        out.put("TooManyRequests", errorResponse("throttled by the stage's route throttling", "GatewayError"));
        out.put("InternalServerError", errorResponse("the function failed (a DynamoDB failure, a timeout): API Gateway's"
                + " own answer, never a stack trace; the function's Errors metric counts it", "GatewayError"));
        return out;
    }

    private static Map<String, Object> errorResponse(String description, String schema) {
        return ordered("description", description, "content", json(ref(schema)));
    }

    // ---- value schemas ----

    private static Map<String, Object> paramSchema(ParamSpec.Kind kind) {
        return switch (kind) {
            case NUMERIC_ID -> idSchema();
            case TEXT -> textSchema();
            case DATE -> dateSchema();
        };
    }

    private static String describe(ParamSpec.Kind kind) {
        return switch (kind) {
            case NUMERIC_ID -> "a numeric id, 0 to " + ParamLimits.MAX_ID;
            case TEXT -> "text, 1 to " + ParamLimits.MAX_TEXT + " characters";
            case DATE -> "a date YYYY-MM-DD";
        };
    }

    private static Map<String, Object> valueSchema(ValueType type) {
        return switch (type) {
            case ID -> idSchema();
            case INT -> ordered("type", "integer", "format", "int64");
            case DECIMAL -> ordered("type", "number");
            case DATE -> dateSchema();
            case BOOL -> ordered("type", "boolean");
            case STRING -> ordered("type", "string");
        };
    }

    private static Map<String, Object> idSchema() {
        Map<String, Object> schema = ordered("type", "integer", "format", "int64");
        schema.put("minimum", 0);
        schema.put("maximum", ParamLimits.MAX_ID);
        return schema;
    }

    private static Map<String, Object> textSchema() {
        return ordered("type", "string", "minLength", 1, "maxLength", ParamLimits.MAX_TEXT);
    }

    private static Map<String, Object> dateSchema() {
        return ordered("type", "string", "format", "date");
    }

    private static Map<String, Object> decimalSchema(BigDecimal minimum, BigDecimal maximum, boolean exclusiveMaximum) {
        Map<String, Object> schema = ordered("type", "number", "minimum", minimum, "maximum", maximum);
        if (exclusiveMaximum) {
            schema.put("exclusiveMaximum", true);
        }
        schema.put("multipleOf", BigDecimal.ONE.movePointLeft(ParamLimits.MAX_SCALE));
        return schema;
    }

    private static Map<String, Object> integer(long minimum, long maximum) {
        return ordered("type", "integer", "minimum", minimum, "maximum", maximum);
    }

    private static Map<String, Object> integerOf(String description) {
        return ordered("type", "integer", "description", description);
    }

    private static Map<String, Object> numberOf(String description) {
        return ordered("type", "number", "description", description);
    }

    private static Map<String, Object> string(String description) {
        return ordered("type", "string", "description", description);
    }

    private static Map<String, Object> object(Map<String, Object> properties, List<String> required, boolean open,
                                              String description) {
        Map<String, Object> schema = ordered("type", "object");
        if (description != null) {
            schema.put("description", description);
        }
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("properties", new LinkedHashMap<>(properties));
        schema.put("additionalProperties", open);
        return schema;
    }

    private static Map<String, Object> ref(String schema) {
        return Map.of("$ref", "#/components/schemas/" + schema);
    }

    private static Map<String, Object> responseRef(String response) {
        return Map.of("$ref", "#/components/responses/" + response);
    }

    private static Map<String, Object> json(Map<String, Object> schema) {
        return Map.of("application/json", Map.of("schema", schema));
    }

    /** {@code TERRITORY} → {@code Territory}, {@code EMPLOYEE_SUMMARY} → {@code EmployeeSummary}. */
    private static String camel(String upperSnake) {
        StringBuilder out = new StringBuilder();
        for (String word : upperSnake.toLowerCase(java.util.Locale.ROOT).split("_")) {
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }

    /** A map that keeps the order it is given: {@code ordered("type", "object", "required", ...)}. */
    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], keyValues[i + 1]);
        }
        return out;
    }
}
