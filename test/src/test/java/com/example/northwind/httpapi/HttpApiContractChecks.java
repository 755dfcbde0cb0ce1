package com.example.northwind.httpapi;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.example.northwind.model.OpenApiDocument;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Holds live answers of the HTTP API to docs/openapi.json with a maintained validator (Atlassian's
 * swagger-request-validator): a response against its operation's response for that status, a request against its
 * operation, a body against a named schema (for answers no concrete operation has, such as 404 for an unknown name).
 */
final class HttpApiContractChecks {
    private static final Path FILE = Path.of("").toAbsolutePath().getParent().resolve(OpenApiDocument.FILE);
    private static OpenApiInteractionValidator validator;
    private static SchemaValidator schemas;
    private static OpenAPI api;

    private HttpApiContractChecks() {
    }

    private static synchronized void load() {
        if (validator == null) {
            try {
                String document = Files.readString(FILE);
                ParseOptions options = new ParseOptions();
                options.setResolve(true);
                api = new OpenAPIV3Parser().readContents(document, null, options).getOpenAPI();
                validator = OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
                schemas = new SchemaValidator(api, new MessageResolver());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The answer is what the document says {@code method path} answers with this status. */
    static void assertMatches(String path, String method, SignedHttp.Answer answer) {
        load();
        SimpleResponse response = SimpleResponse.Builder.status(answer.status())
                .withContentType(answer.header("content-type") == null ? "application/json" : answer.header("content-type"))
                .withBody(answer.body()).build();
        assertValid(validator.validateResponse(path, Request.Method.valueOf(method), response),
                method + " " + path + " → " + answer.status() + " " + answer.body());
    }

    /** API Gateway's own answers (403, 429, 500) are described on every operation: the same check. */
    static void assertMatchesGatewayError(String path, String method, SignedHttp.Answer answer) {
        assertMatches(path, method, answer);
    }

    /** The request (as a client sends it: query, headers, body) is one the document allows. */
    static void assertRequestMatches(String method, String path, Map<String, String> query, Map<String, String> headers,
                                     String body) {
        load();
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
        query.forEach(request::withQueryParam);
        headers.forEach(request::withHeader);
        request.withHeader("Authorization", "AWS4-HMAC-SHA256 Credential=local/…");
        if (body != null) {
            request.withBody(body).withContentType("application/json");
        }
        assertValid(validator.validateRequest(request.build()), method + " " + path + " " + query + " " + body);
    }

    /** A body against a schema of the document's components (by name). */
    static void assertMatchesSchema(String schema, String body) {
        load();
        assertValid(schemas.validate(body, api.getComponents().getSchemas().get(schema), "response.body"), schema + ": " + body);
    }

    private static void assertValid(ValidationReport report, String what) {
        assertFalse(report.hasErrors(), () -> what + "\n does not match docs/openapi.json: " + report.getMessages());
    }
}
