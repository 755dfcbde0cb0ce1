package com.example.northwind.infra;

import com.example.northwind.testsupport.SynthesizedApp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;

/**
 * cdk-nag's AwsSolutions pack over both stacks: every finding is either fixed or suppressed in the infra
 * code with a reason ({@link NorthwindNagSuppressions}). Its own app, because aspects must be added before
 * synthesis. With the cdk.json flag {@code @aws-cdk/core:annotationsInValidationReport} findings land in
 * validation-report.json, and an error fails synthesis, so the test reads that report.
 */
class NorthwindNagTest {
    @TempDir
    static Path outdir;
    private static RuntimeException synthFailure;

    @BeforeAll
    static void synthesizeWithChecks() {
        App app = new App(AppProps.builder().context(SynthesizedApp.cdkJsonContext()).outdir(outdir.toString()).build());
        NorthwindApp.compose(app);
        Aspects.of(app).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
        try {
            app.synth();
        } catch (RuntimeException e) {
            synthFailure = e;
        }
    }

    @Test
    void awsSolutions_reportsNoUnsuppressedError() throws IOException {
        // GIVEN both stacks synthesized with the AwsSolutions checks
        // WHEN the error findings are collected
        List<String> errors = findings("error");

        // THEN there are none, and synthesis succeeded
        assertEquals(List.of(), errors);
        assertTrue(synthFailure == null, () -> "synthesis failed: " + synthFailure.getMessage());
    }

    @Test
    void awsSolutions_reportsNoUnsuppressedWarning() throws IOException {
        // GIVEN both stacks synthesized with the AwsSolutions checks
        // WHEN the warnings are collected / THEN there are none
        assertEquals(List.of(), findings("warning"));
    }

    private static List<String> findings(String severity) throws IOException {
        Path report = outdir.resolve("validation-report.json");
        List<String> out = new ArrayList<>();
        // Strict: no report means the checks did not report (a changed flag or cdk-nag version), not "clean".
        assertTrue(Files.isRegularFile(report), "no validation report at " + report
                + ": the AwsSolutions findings were not reported, so their absence proves nothing");
        JsonNode pluginReports = new ObjectMapper().readTree(report.toFile()).path("pluginReports");
        assertTrue(pluginReports.isArray(), "validation report without pluginReports: " + report);
        for (JsonNode plugin : pluginReports) {
            for (JsonNode violation : plugin.path("violations")) {
                // cdk-nag findings arrive as construct annotations whose text starts with the rule id.
                String description = violation.path("description").asText();
                if (description.contains("AwsSolutions-") && severity.equals(violation.path("severity").asText())) {
                    for (JsonNode construct : violation.path("violatingConstructs")) {
                        out.add(construct.path("constructPath").asText() + ": "
                                + description.substring(0, Math.min(160, description.length())));
                    }
                }
            }
        }
        return out;
    }
}
