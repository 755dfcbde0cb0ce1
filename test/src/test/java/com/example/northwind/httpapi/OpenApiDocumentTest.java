package com.example.northwind.httpapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.model.AccessPatterns;
import com.example.northwind.model.CommandDefinition;
import com.example.northwind.model.CommandDefinitions;
import com.example.northwind.model.OpenApiDocument;
import com.example.northwind.model.ParamLimits;
import com.example.northwind.model.ParamSpec;
import com.example.northwind.model.PatternDefinition;
import com.example.northwind.schema.HttpApiContract;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.json read by a real OpenAPI parser (swagger-parser): valid OpenAPI 3, and it says what the model says —
 * an operation per pattern and per command, every parameter with its type, bounds and example, the IAM security
 * scheme. (That the committed file is what the model generates is GeneratedDocsTest's; that live answers match its
 * schemas is HttpApiContractTest's.)
 */
class OpenApiDocumentTest {
    private static final Path FILE = Path.of("").toAbsolutePath().getParent().resolve(OpenApiDocument.FILE);
    private static SwaggerParseResult parsed;
    private static OpenAPI api;

    @BeforeAll
    static void parse() throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        parsed = new OpenAPIV3Parser().readContents(Files.readString(FILE), null, options);
        api = parsed.getOpenAPI();
    }

    @Test
    void document_isValidOpenApi3_withoutAParserMessage() {
        // GIVEN the committed document WHEN swagger-parser reads it THEN it has no error or warning, and is OpenAPI 3
        assertEquals(List.of(), parsed.getMessages());
        assertNotNull(api);
        assertEquals("3.0.3", api.getOpenapi());
    }

    @Test
    void everyPattern_isAGetOperation_withEachParameterTypedBoundedAndExemplified() {
        for (PatternDefinition pattern : AccessPatterns.all()) {
            // GIVEN a pattern of the model WHEN its path is looked up
            Operation get = api.getPaths().get(HttpApiContract.patternPath(pattern.name())).getGet();

            // THEN it is an operation named after it, signed with SigV4 (the document's default security) ...
            assertNotNull(get, pattern.name());
            assertEquals(pattern.name(), get.getOperationId());
            // ... with one query parameter per model parameter, required as in the model, with its schema and example
            for (ParamSpec param : pattern.params()) {
                Parameter p = get.getParameters().stream().filter(x -> x.getName().equals(param.name())).findFirst()
                        .orElseThrow(() -> new AssertionError(pattern.name() + " lacks " + param.name()));
                assertEquals("query", p.getIn());
                assertEquals(param.required(), p.getRequired(), pattern.name() + "." + param.name());
                Schema<?> schema = p.getSchema();
                switch (param.kind()) {
                    case NUMERIC_ID -> {
                        assertEquals("integer", schema.getType());
                        assertEquals(0, schema.getMinimum().compareTo(BigDecimal.ZERO));
                        assertEquals(0, schema.getMaximum().compareTo(BigDecimal.valueOf(ParamLimits.MAX_ID)));
                    }
                    case TEXT -> {
                        assertEquals("string", schema.getType());
                        assertEquals(1, schema.getMinLength());
                        assertEquals(ParamLimits.MAX_TEXT, schema.getMaxLength());
                    }
                    case DATE -> assertEquals("date", schema.getFormat());
                }
                if (pattern.example().containsKey(param.name())) {
                    assertEquals(String.valueOf(pattern.example().get(param.name())), String.valueOf(p.getExample()));
                }
            }
            // ... and the answer's and the errors' responses
            assertEquals(Set.of("200", "400", "403", "429", "500"), get.getResponses().keySet(), pattern.name());
        }
    }

    @Test
    void everyCommand_isAPostOperation_withItsParamsAsTheBody_andTheIdempotencyKeyHeader() {
        for (CommandDefinition command : CommandDefinitions.all()) {
            // GIVEN a command WHEN its path is looked up
            Operation post = api.getPaths().get(HttpApiContract.commandPath(command.name())).getPost();

            // THEN the body's schema lists exactly its params, the required ones required, and the model's example
            assertNotNull(post, command.name());
            Schema<?> body = resolve(post.getRequestBody().getContent().get("application/json").getSchema());
            assertEquals(command.params().stream().map(p -> p.name()).toList(), List.copyOf(body.getProperties().keySet()));
            assertEquals(command.params().stream().filter(p -> p.required()).map(p -> p.name()).toList(), body.getRequired());
            assertEquals(Boolean.FALSE, body.getAdditionalProperties(), command.name());
            com.fasterxml.jackson.databind.JsonNode example = (com.fasterxml.jackson.databind.JsonNode) post.getRequestBody()
                    .getContent().get("application/json").getExample();
            assertEquals(List.copyOf(command.example().keySet()), com.google.common.collect.ImmutableList.copyOf(example.fieldNames()));
            // AND the optional Idempotency-Key header, and every status the route can answer
            Parameter key = post.getParameters().get(0);
            assertEquals(HttpApiContract.IDEMPOTENCY_KEY_HEADER, key.getName());
            assertEquals("header", key.getIn());
            assertFalse(key.getRequired());
            assertEquals(Set.of("200", "400", "403", "404", "409", "413", "429", "500"), post.getResponses().keySet());
        }
    }

    /** The schema a {@code $ref} names (the document keeps every named schema under components). */
    private static Schema<?> resolve(Schema<?> schema) {
        return schema.get$ref() == null ? schema
                : api.getComponents().getSchemas().get(schema.get$ref().substring("#/components/schemas/".length()));
    }

    @Test
    void securityScheme_isSigV4_andAppliesToEveryOperation() {
        // GIVEN the document WHEN its security is read THEN one scheme, API Gateway's awsSigv4 on the Authorization header
        var scheme = api.getComponents().getSecuritySchemes().get("sigv4");
        assertEquals("Authorization", scheme.getName());
        assertEquals("awsSigv4", scheme.getExtensions().get("x-amazon-apigateway-authtype"));
        assertEquals(List.of("sigv4"), List.copyOf(api.getSecurity().get(0).keySet()));
        // AND no operation opts out of it
        api.getPaths().values().forEach(path -> path.readOperations().forEach(op -> assertTrue(op.getSecurity() == null,
                op.getOperationId() + " overrides the security")));
    }
}
