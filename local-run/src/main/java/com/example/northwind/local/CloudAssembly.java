package com.example.northwind.local;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A synthesized cloud assembly (cdk.out): the stacks' templates, found through manifest.json as the CDK
 * CLI finds them, so a renamed template file or a nested output folder cannot silently be missed.
 */
public final class CloudAssembly {
    /** One resource of a template. */
    public record Resource(String stack, String logicalId, Map<String, Object> definition) {
        @SuppressWarnings("unchecked")
        public Map<String, Object> properties() {
            Object props = definition.get("Properties");
            return props instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }
    }

    private final Path dir;
    private final Map<String, Object> manifest;

    private CloudAssembly(Path dir, Map<String, Object> manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /** @throws IllegalStateException when {@code dir} holds no manifest.json (not synthesized yet) */
    public static CloudAssembly read(Path dir) {
        Path file = dir.resolve("manifest.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No synthesized app in " + dir.toAbsolutePath().normalize()
                    + " (manifest.json is missing): run `npx cdk synth` first, or let run-local.sh do it.");
        }
        return new CloudAssembly(dir, readJson(file));
    }

    public Path dir() {
        return dir;
    }

    /** The template of stack {@code stackName} (the manifest's artifact of type aws:cloudformation:stack). */
    public Map<String, Object> template(String stackName) {
        Map<String, Object> artifact = map(map(manifest.get("artifacts"), "artifacts").get(stackName), "artifact " + stackName);
        if (artifact == null || !"aws:cloudformation:stack".equals(artifact.get("type"))) {
            throw new IllegalStateException("The app in " + dir + " has no stack named " + stackName
                    + " (stacks: " + stackNames() + ").");
        }
        Object file = map(artifact.get("properties"), "properties of " + stackName).get("templateFile");
        return readJson(dir.resolve(String.valueOf(file)));
    }

    public List<String> stackNames() {
        List<String> names = new ArrayList<>();
        map(manifest.get("artifacts"), "artifacts").forEach((name, artifact) -> {
            if (artifact instanceof Map<?, ?> a && "aws:cloudformation:stack".equals(a.get("type"))) {
                names.add(name);
            }
        });
        return names;
    }

    /** The one resource of {@code type} in stack {@code stackName}; more or fewer than one is an error. */
    public Resource onlyResource(String stackName, String type) {
        List<Resource> found = resources(stackName, type);
        if (found.size() != 1) {
            throw new IllegalStateException("Expected exactly one " + type + " in stack " + stackName + " of "
                    + dir + ", found " + found.size() + ".");
        }
        return found.get(0);
    }

    public List<Resource> resources(String stackName, String type) {
        List<Resource> found = new ArrayList<>();
        map(template(stackName).get("Resources"), "Resources of " + stackName).forEach((id, resource) -> {
            Map<String, Object> definition = map(resource, id);
            if (type.equals(definition.get("Type"))) {
                found.add(new Resource(stackName, id, definition));
            }
        });
        return found;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalStateException("Malformed template: " + what + " is not a JSON object.");
        }
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> readJson(Path file) {
        try {
            return JSON.std.mapFrom(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
