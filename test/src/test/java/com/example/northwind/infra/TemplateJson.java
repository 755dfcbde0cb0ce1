package com.example.northwind.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Small lookups in synthesized templates that the assertions API does not offer directly. */
final class TemplateJson {
    private TemplateJson() {
    }

    /** The one resource of {@code type} whose properties contain {@code properties}; fails unless exactly one. */
    static Map.Entry<String, Map<String, Object>> onlyResource(Template template, String type,
            Map<String, Object> properties) {
        Map<String, Map<String, Object>> found = template.findResources(type,
                Match.objectLike(Map.of("Properties", Match.objectLike(properties))));
        assertEquals(1, found.size(), "resources of type " + type + " with " + properties + ": " + found.keySet());
        return found.entrySet().iterator().next();
    }

    /** The logical id of the one resource of {@code type} (fails unless exactly one). */
    static String onlyResourceId(Template template, String type) {
        Map<String, Map<String, Object>> found = template.findResources(type);
        assertEquals(1, found.size(), "resources of type " + type + ": " + found.keySet());
        return found.keySet().iterator().next();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    static Map<String, Object> ref(String logicalId) {
        return Map.of("Ref", logicalId);
    }

    static Map<String, Object> getAtt(String logicalId, String attribute) {
        return Map.of("Fn::GetAtt", List.of(logicalId, attribute));
    }

    /**
     * How the service stack reads a value of the data stack: a strong reference, an export of the data stack
     * read with {@code Fn::ImportValue} (so the data stack cannot drop or change a value still in use).
     * Fails unless the data stack exports {@code value} exactly once.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> dataStackOutputReference(Template data, Object value) {
        Map<String, Map<String, Object>> outputs = data.findOutputs("*", Match.objectLike(Map.of("Value", value)));
        List<Object> exports = outputs.values().stream().filter(o -> o.containsKey("Export"))
                .map(o -> ((Map<String, Object>) o.get("Export")).get("Name")).toList();
        assertEquals(1, exports.size(), "data stack exports of " + value + ": " + outputs.keySet());
        return Map.of("Fn::ImportValue", exports.get(0));
    }

    /** Every string anywhere in a JSON tree (to look for wildcards). */
    static List<String> strings(Object node) {
        List<String> out = new ArrayList<>();
        collect(node, out);
        return out;
    }

    private static void collect(Object node, List<String> out) {
        if (node instanceof String s) {
            out.add(s);
        } else if (node instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, out));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collect(v, out));
        }
    }

    /** A value that is one item or a list of items, as a list (IAM Action / Resource). */
    static List<Object> asList(Object value) {
        return value instanceof List<?> list ? new ArrayList<>(list) : List.of(value);
    }
}
