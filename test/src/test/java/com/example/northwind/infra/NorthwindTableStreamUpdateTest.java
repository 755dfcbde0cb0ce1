package com.example.northwind.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.schema.NorthwindData;
import com.example.northwind.testsupport.SynthesizedApp;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Giving the retained table its stream is an in-place update, never a replacement (a replacement would be a new, empty
 * table, its data left behind in the retained old one). Checked the way an operator checks a deploy: the pinned CDK
 * CLI's {@code cdk diff --template} of the synthesized data stack against the data stack as deployed before the stream
 * (the template main synthesized at commit 4bf510e, in test resources), offline: {@code --fail-on destructive} exits 1
 * when any resource would be replaced, deleted or orphaned.
 */
class NorthwindTableStreamUpdateTest {
    private static final String BASELINE = "/baseline/NorthwindData-before-stream.template.json";
    private static final Path CDK = NorthwindData.projectRoot().resolve("node_modules/.bin/cdk");
    private static Path assembly;
    private static Map<String, Object> baseline;

    @BeforeAll
    static void synthesize() throws IOException {
        assembly = SynthesizedApp.defaults().assemblyDir();
        try (InputStream in = NorthwindTableStreamUpdateTest.class.getResourceAsStream(BASELINE)) {
            baseline = json(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void streamSpecification_isAnInPlaceUpdateOfTheRetainedTable(@TempDir Path dir) throws Exception {
        // GIVEN the data stack as deployed before the stream, and as synthesized now
        Path before = Files.writeString(dir.resolve("before.json"), new ObjectMapper().writeValueAsString(baseline));

        // WHEN the CDK CLI diffs them, failing on any destructive change
        Diff diff = cdkDiff(before);

        // THEN no resource is replaced or removed (exit 0), the table line carries no "replace" marker, and the
        // change is the StreamSpecification (both images) added to the same table
        assertEquals(0, diff.exitCode(), diff.output());
        String tableLine = diff.output().lines().filter(l -> l.contains("AWS::DynamoDB::Table")).findFirst()
                .orElseThrow(() -> new AssertionError("the table does not change at all:\n" + diff.output()));
        assertFalse(tableLine.contains("replace"), tableLine);
        assertTrue(diff.output().contains("[+] StreamSpecification"), diff.output());
        assertTrue(diff.output().contains("{\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}"), diff.output());
        assertFalse(diff.output().contains("requires replacement"), diff.output());
    }

    @Test
    @SuppressWarnings("unchecked")
    void table_keepsItsLogicalIdKeySchemaAndIndexes() {
        // GIVEN the table of the baseline and of the synthesized data stack
        Map<String, Object> now = SynthesizedApp.defaults().templateJson("NorthwindData");
        Map.Entry<String, Object> old = onlyTable(baseline);
        Map.Entry<String, Object> current = onlyTable(now);

        // WHEN / THEN same logical id, same keys, attributes and indexes: the properties whose change replaces a table
        // (KeySchema) or rebuilds indexes are untouched; what differs is the StreamSpecification alone
        assertEquals(old.getKey(), current.getKey());
        Map<String, Object> oldProps = (Map<String, Object>) ((Map<String, Object>) old.getValue()).get("Properties");
        Map<String, Object> newProps = (Map<String, Object>) ((Map<String, Object>) current.getValue()).get("Properties");
        for (String property : List.of("KeySchema", "AttributeDefinitions", "GlobalSecondaryIndexes", "BillingMode",
                "TimeToLiveSpecification", "PointInTimeRecoverySpecification", "DeletionProtectionEnabled")) {
            assertEquals(oldProps.get(property), newProps.get(property), property);
        }
        List<String> changed = new ArrayList<>();
        newProps.keySet().stream().filter(k -> !newProps.get(k).equals(oldProps.get(k))).forEach(changed::add);
        assertEquals(List.of("StreamSpecification"), changed);
        assertEquals(((Map<String, Object>) old.getValue()).get("DeletionPolicy"), ((Map<String, Object>) current.getValue()).get("DeletionPolicy"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCheck_failsOnAReplacement(@TempDir Path dir) throws Exception {
        // GIVEN a baseline whose table had another sort key (a change that replaces a table)
        Map<String, Object> altered = json(new ObjectMapper().writeValueAsString(baseline));
        Map<String, Object> table = (Map<String, Object>) onlyTable(altered).getValue();
        Map<String, Object> props = (Map<String, Object>) table.get("Properties");
        List<Map<String, Object>> keys = (List<Map<String, Object>>) props.get("KeySchema");
        keys.get(1).put("AttributeName", "sk_before");
        ((List<Object>) props.get("AttributeDefinitions")).add(Map.of("AttributeName", "sk_before", "AttributeType", "S"));
        Path before = Files.writeString(dir.resolve("replaced.json"), new ObjectMapper().writeValueAsString(altered));

        // WHEN the same check runs / THEN it fails and names the replacement (so a pass above means something)
        Diff diff = cdkDiff(before);
        assertEquals(1, diff.exitCode(), diff.output());
        assertTrue(diff.output().contains("will be replaced"), diff.output());
    }

    private record Diff(int exitCode, String output) {
    }

    /** {@code cdk diff} of the synthesized assembly's NorthwindData against {@code before}: no synth, no AWS call. */
    private static Diff cdkDiff(Path before) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(CDK), "the CDK CLI is missing at " + CDK + ": run npm ci");
        ProcessBuilder builder = new ProcessBuilder(CDK.toString(), "diff", "--no-notices", "--no-version-reporting",
                "--app", assembly.toString(), "--template", before.toString(), "--fail-on", "destructive", "NorthwindData")
                .redirectErrorStream(true);
        builder.environment().put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "1");
        builder.environment().put("CDK_DISABLE_CLI_TELEMETRY", "true");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "cdk diff did not finish");
        return new Diff(process.exitValue(), output);
    }

    @SuppressWarnings("unchecked")
    private static Map.Entry<String, Object> onlyTable(Map<String, Object> template) {
        List<Map.Entry<String, Object>> tables = ((Map<String, Object>) template.get("Resources")).entrySet().stream()
                .filter(e -> "AWS::DynamoDB::Table".equals(((Map<String, Object>) e.getValue()).get("Type"))).toList();
        assertEquals(1, tables.size());
        return tables.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) throws IOException {
        return new ObjectMapper().readValue(text, Map.class);
    }
}
