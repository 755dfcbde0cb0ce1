package com.example.northwind.testsupport;

import com.example.northwind.infra.NorthwindApp;
import com.example.northwind.infra.SandboxContext;
import com.example.northwind.schema.NorthwindData;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

/**
 * The app synthesized once per test JVM and shared by the template assertions and the local-run tests (jsii start-up and synthesis cost seconds), through the same
 * {@link NorthwindApp#compose} the entry point uses and with the context the CDK CLI would pass (the
 * feature flags of cdk.json, asset metadata), so the tests check the templates that deploy: without the
 * flags, cross-stack references and log groups come out differently.
 */
public final class SynthesizedApp {
    /** One synthesized app: its stacks and their templates. */
    public record Synth(App app, NorthwindApp.Stacks stacks, Template data, Template service) {
        /** The cloud assembly folder (manifest.json, templates, assets) as `cdk synth` writes it. */
        public Path assemblyDir() {
            return Path.of(app.synth().getDirectory());
        }

        /** A stack's template read as plain JSON from the assembly (independently of the CDK's model). */
        @SuppressWarnings("unchecked")
        public Map<String, Object> templateJson(String stackName) {
            try {
                return new ObjectMapper().readValue(Files.readString(assemblyDir().resolve(stackName + ".template.json")), Map.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The opt-in context of {@link #optIns()}: what a hardened deployment with browser clients would pass. */
    public static final String JWT_ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123";
    public static final String JWT_AUDIENCE = "client-one,client-two";
    public static final String CORS_ORIGINS = "https://app.example.com,http://localhost:5173";

    private static Synth defaults;
    private static Synth sandbox;
    private static Synth optIns;

    private SynthesizedApp() {
    }

    /** Without context: a production table. */
    public static synchronized Synth defaults() {
        if (defaults == null) {
            defaults = synth(Map.of());
        }
        return defaults;
    }

    /** With {@code -c sandbox=true} (a String, as the CLI passes it). */
    public static synchronized Synth sandbox() {
        if (sandbox == null) {
            sandbox = synth(Map.of(SandboxContext.KEY, "true"));
        }
        return sandbox;
    }

    /**
     * Every opt-in at once (one more synthesis, shared): {@code -c customerManagedKeys=true -c alarmTopic=true} and the
     * HTTP API's {@code -c jwtIssuer=… -c jwtAudience=… -c corsOrigins=…}, as Strings, as the CLI passes them.
     */
    public static synchronized Synth optIns() {
        if (optIns == null) {
            optIns = synth(Map.of("customerManagedKeys", "true", "alarmTopic", "true", "jwtIssuer", JWT_ISSUER,
                    "jwtAudience", JWT_AUDIENCE, "corsOrigins", CORS_ORIGINS));
        }
        return optIns;
    }

    private static Synth synth(Map<String, Object> extraContext) {
        Map<String, Object> context = new HashMap<>(cdkJsonContext());
        // What the CLI adds on `cdk synth` (asset paths in template metadata).
        context.put("aws:cdk:enable-path-metadata", true);
        context.put("aws:cdk:enable-asset-metadata", true);
        context.putAll(extraContext);
        App app = new App(AppProps.builder().context(context).build());
        NorthwindApp.Stacks stacks = NorthwindApp.compose(app);
        return new Synth(app, stacks, Template.fromStack(stacks.data()), Template.fromStack(stacks.service()));
    }

    /** The "context" object of the project's cdk.json. Jackson is there with the CDK (jsii uses it). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> cdkJson = new ObjectMapper().readValue(
                    NorthwindData.projectRoot().resolve("cdk.json").toFile(), Map.class);
            return (Map<String, Object>) cdkJson.get("context");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read cdk.json", e);
        }
    }
}
