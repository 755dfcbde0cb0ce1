package com.example.northwind.local;

import com.example.northwind.infra.NorthwindApp;
import com.example.northwind.schema.NorthwindData;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/** The CDK app synthesized in-process into a folder, with cdk.json's context, as `cdk synth` would write it. */
final class SynthesizedApp {
    private SynthesizedApp() {
    }

    @SuppressWarnings("unchecked")
    static Path synthesize(Path outdir) {
        try {
            Map<String, Object> cdkJson = JSON.std.mapFrom(Files.readString(NorthwindData.projectRoot().resolve("cdk.json")));
            Map<String, Object> context = (Map<String, Object>) cdkJson.getOrDefault("context", Map.of());
            App app = new App(AppProps.builder().outdir(outdir.toString()).context(context).build());
            NorthwindApp.compose(app);
            app.synth();
            return outdir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A template of the synthesized app, read as plain JSON (independently of CloudAssembly). */
    static Map<String, Object> template(Path outdir, String stack) {
        try {
            return JSON.std.mapFrom(Files.readString(outdir.resolve(stack + ".template.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
