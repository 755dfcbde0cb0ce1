package com.example.northwind.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.schema.NorthwindData;
import com.example.northwind.testsupport.SynthesizedApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Policy as code beside cdk-nag: cfn-guard (pinned in package.json with @cdklabs/cdk-validator-cfnguard,
 * which bundles the binary and the AWS Control Tower proactive-control rules) over the synthesized templates.
 * Every finding must be on a resource that records that control with a reason ({@link GuardReasons});
 * anything else fails the build.
 */
class NorthwindPolicyAsCodeTest {
    private static final Path GUARD_PACKAGE = NorthwindData.projectRoot().resolve("node_modules/@cdklabs/cdk-validator-cfnguard");
    private static final Pattern CONTROL = Pattern.compile("\\[(CT\\.[A-Z0-9]+\\.PR\\.\\d+)\\]");
    private static final Pattern RESOURCE = Pattern.compile("^/Resources/([^/]+)");

    /** A failing control on one resource of one template. */
    record Finding(String template, String control, String logicalId) {
    }

    @Test
    void controlTowerRules_reportOnlyExplainedFindings_byDefault() throws Exception {
        // GIVEN the app as deployed by default, synthesized to a folder
        Path assembly = SynthesizedApp.defaults().assemblyDir();

        // WHEN cfn-guard checks both templates against the Control Tower rules
        List<Finding> findings = guard(assembly);

        // THEN it finds what is known (so the check really runs) ...
        assertFalse(findings.isEmpty(), "cfn-guard reported nothing: is it running the rules?");
        // ... and every finding is an exception recorded, with a reason, on that very resource
        assertEquals(List.of(), unexplained(assembly, findings));
    }

    @Test
    void controlTowerRules_findNoTableOrLogEncryptionGap_withCustomerManagedKeysAndAlarmTopic() throws Exception {
        // GIVEN the app synthesized with -c customerManagedKeys=true -c alarmTopic=true (and the HTTP API's JWT and
        // CORS opt-ins: the one shared synthesis of every opt-in)
        Path outdir = SynthesizedApp.optIns().assemblyDir();

        // WHEN cfn-guard checks both templates
        List<Finding> findings = guard(outdir);

        // THEN the table/log encryption (the API's access logs too) and alarm-action controls pass (the waiter's
        // logging too); what remains is explained: key policy, no VPC, the waiter without X-Ray, the HTTP API's
        // invoke permissions, whose joined SourceArn the rule cannot read, and the stream consumer's failure queue
        // without a redrive queue of its own
        Set<String> controls = new TreeSet<>();
        findings.forEach(f -> controls.add(f.control()));
        assertEquals(Set.of("CT.KMS.PR.3", "CT.LAMBDA.PR.2", "CT.LAMBDA.PR.3", "CT.STEPFUNCTIONS.PR.2", "CT.SQS.PR.1"),
                controls);
        assertEquals(List.of(), unexplained(outdir, findings));
    }

    /** Runs the bundled cfn-guard over the stacks' templates; returns the failing (control, resource) pairs. */
    static List<Finding> guard(Path assembly) throws IOException, InterruptedException {
        String arch = System.getProperty("os.arch").contains("aarch64") ? "aarch64" : "x86_64";
        String os = System.getProperty("os.name").toLowerCase().contains("mac") ? "macos" : "ubuntu";
        Path binary = GUARD_PACKAGE.resolve("bin").resolve(os).resolve(arch).resolve("cfn-guard");
        assertTrue(Files.isExecutable(binary), "cfn-guard not found at " + binary + ": run npm ci");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "validate",
                "-r", GUARD_PACKAGE.resolve("rules/control-tower/cfn-guard").toString(),
                "-z", "-o", "json", "-S", "none"));
        for (String stack : List.of("NorthwindData", "NorthwindService")) {
            command.add("-d");
            command.add(assembly.resolve(stack + ".template.json").toString());
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "cfn-guard did not finish");
        // Exit 0: all pass; 19: some rule failed. Anything else is cfn-guard itself failing.
        assertTrue(process.exitValue() == 0 || process.exitValue() == 19, "cfn-guard exit " + process.exitValue() + ": " + output);
        List<Finding> findings = new ArrayList<>();
        for (JsonNode file : new ObjectMapper().readTree(output)) {
            String template = Path.of(file.path("name").asText()).getFileName().toString();
            for (JsonNode rule : file.path("not_compliant")) {
                Set<String> controls = new TreeSet<>();
                Set<String> resources = new TreeSet<>();
                collect(rule, controls, resources);
                assertEquals(1, controls.size(), "one control per rule: " + controls);
                resources.forEach(r -> findings.add(new Finding(template, controls.iterator().next(), r)));
            }
        }
        return findings;
    }

    private static void collect(JsonNode node, Set<String> controls, Set<String> resources) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("custom_message") && e.getValue().isTextual()) {
                    Matcher m = CONTROL.matcher(e.getValue().asText());
                    if (m.find()) {
                        controls.add(m.group(1));
                    }
                } else if (e.getKey().equals("path") && e.getValue().isTextual()) {
                    Matcher m = RESOURCE.matcher(e.getValue().asText());
                    if (m.find()) {
                        resources.add(m.group(1));
                    }
                }
                collect(e.getValue(), controls, resources);
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, controls, resources));
        }
    }

    /** The findings whose resource records no exception with a reason for their control. */
    private static List<String> unexplained(Path assembly, List<Finding> findings) throws IOException {
        List<String> out = new ArrayList<>();
        for (Finding f : findings) {
            JsonNode exceptions = new ObjectMapper().readTree(assembly.resolve(f.template()).toFile())
                    .path("Resources").path(f.logicalId()).path("Metadata").path(GuardReasons.METADATA_KEY);
            boolean explained = false;
            for (JsonNode e : exceptions) {
                explained |= e.path("control").asText().equals(f.control()) && e.path("reason").asText().length() > 20;
            }
            if (!explained) {
                out.add(f.toString());
            }
        }
        return out;
    }
}
