package com.example.northwind.local;

import com.example.northwind.local.stream.MappingSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The event source mapping on the table's stream, read from the synthesized service stack (as the table is read from
 * the data stack): its {@code AWS::Lambda::EventSourceMapping} whose EventSourceArn is the table's StreamArn, its
 * settings ({@link MappingSettings}, Lambda's defaults for what it leaves out), and the function (and alias) it invokes.
 * Settings the local mapping cannot honour are refused by name, never ignored.
 */
public final class TemplateStreamMapping {
    static final String MAPPING_TYPE = "AWS::Lambda::EventSourceMapping";

    /**
     * @param settings  what the mapping applies
     * @param function  the function it invokes
     * @param qualifier the alias it invokes ({@code live}), or null for the unqualified function
     * @param logicalId the mapping's logical id
     */
    public record Found(MappingSettings settings, CloudAssembly.Resource function, String qualifier, String logicalId) {
    }

    private TemplateStreamMapping() {
    }

    /**
     * The mapping on {@code tableName}'s stream, or empty when the template has none (an app synthesized before the
     * stream consumer existed).
     *
     * @throws IllegalStateException naming the mapping and the setting that is malformed or not supported locally
     */
    public static Optional<Found> find(CloudAssembly assembly, String tableName) {
        TemplateValues values = SeedEventFactory.valuesFor(assembly, tableName);
        String tableId = assembly.onlyResource(SeedEventFactory.DATA_STACK, SeedEventFactory.TABLE_RESOURCE_TYPE).logicalId();
        Object streamArn = values.resolve(Map.of("Fn::GetAtt", List.of(tableId, "StreamArn")), "the table's StreamArn");
        List<CloudAssembly.Resource> onStream = new ArrayList<>();
        for (CloudAssembly.Resource mapping : assembly.resources(SeedEventFactory.SERVICE_STACK, MAPPING_TYPE)) {
            if (streamArn.equals(resolvedOrNull(values, mapping.properties().get("EventSourceArn"), mapping.logicalId()))) {
                onStream.add(mapping);
            }
        }
        if (onStream.isEmpty()) {
            return Optional.empty();
        }
        if (onStream.size() > 1) {
            throw new IllegalStateException("The service stack has " + onStream.size() + " event source mappings on the"
                    + " table's stream (" + onStream.stream().map(CloudAssembly.Resource::logicalId).toList()
                    + "); the local run serves one.");
        }
        CloudAssembly.Resource mapping = onStream.get(0);
        CloudAssembly.Resource target = target(assembly, mapping);
        String qualifier = null;
        CloudAssembly.Resource function = target;
        if (target.definition().get("Type").equals("AWS::Lambda::Alias")) {
            qualifier = String.valueOf(target.properties().get("Name"));
            function = target(assembly, target);
        }
        return Optional.of(new Found(settings(mapping), function, qualifier, mapping.logicalId()));
    }

    /** The settings of {@code mapping}'s Properties, Lambda's defaults where they state none. */
    public static MappingSettings settings(CloudAssembly.Resource mapping) {
        Map<String, Object> p = mapping.properties();
        String where = mapping.logicalId();
        for (String unsupported : List.of("TumblingWindowInSeconds", "StartingPositionTimestamp", "ScalingConfig")) {
            if (p.containsKey(unsupported)) {
                throw new IllegalStateException("The event source mapping " + where + " sets " + unsupported
                        + ", which the local event source mapping does not support.");
            }
        }
        MappingSettings defaults = MappingSettings.lambdaDefaults();
        List<String> patterns = new ArrayList<>();
        if (p.get("FilterCriteria") instanceof Map<?, ?> criteria && criteria.get("Filters") instanceof List<?> filters) {
            for (Object filter : filters) {
                Object pattern = filter instanceof Map<?, ?> f ? f.get("Pattern") : null;
                if (!(pattern instanceof String text)) {
                    throw new IllegalStateException("The event source mapping " + where + " has a filter whose Pattern"
                            + " is not a literal JSON text: " + filter);
                }
                patterns.add(text);
            }
        }
        Object responseTypes = p.get("FunctionResponseTypes");
        int maxAge = integer(p, "MaximumRecordAgeInSeconds", -1, where);
        try {
            return new MappingSettings(
                    integer(p, "BatchSize", defaults.batchSize(), where),
                    Duration.ofSeconds(integer(p, "MaximumBatchingWindowInSeconds", 0, where)),
                    patterns,
                    responseTypes instanceof List<?> types && types.contains("ReportBatchItemFailures"),
                    bool(p, "BisectBatchOnFunctionError", false, where),
                    integer(p, "MaximumRetryAttempts", -1, where),
                    maxAge < 0 ? null : Duration.ofSeconds(maxAge),
                    integer(p, "ParallelizationFactor", 1, where),
                    p.get("StartingPosition") == null ? MappingSettings.TRIM_HORIZON : String.valueOf(p.get("StartingPosition")),
                    p.get("DestinationConfig") instanceof Map<?, ?> destination && destination.get("OnFailure") != null,
                    bool(p, "Enabled", true, where));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The event source mapping " + where + ": " + e.getMessage(), e);
        }
    }

    /** A mapping on another source (another table, a queue) may refer to what only CloudFormation knows: not ours. */
    private static Object resolvedOrNull(TemplateValues values, Object value, String where) {
        if (value == null) {
            return null;
        }
        try {
            return values.resolve(value, where + ".EventSourceArn");
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /** The alias or function a mapping's (or an alias's) FunctionName refers to. */
    private static CloudAssembly.Resource target(CloudAssembly assembly, CloudAssembly.Resource referrer) {
        List<String> refs = new ArrayList<>();
        collectRefs(referrer.properties().get("FunctionName"), refs);
        for (String type : List.of("AWS::Lambda::Alias", "AWS::Lambda::Function")) {
            for (CloudAssembly.Resource candidate : assembly.resources(SeedEventFactory.SERVICE_STACK, type)) {
                if (refs.contains(candidate.logicalId())) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException(referrer.logicalId() + ".FunctionName refers to no function or alias of "
                + SeedEventFactory.SERVICE_STACK + ": " + referrer.properties().get("FunctionName"));
    }

    private static void collectRefs(Object value, List<String> out) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.get("Ref") instanceof String ref) {
                out.add(ref);
            }
            map.values().forEach(v -> collectRefs(v, out));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collectRefs(v, out));
        }
    }

    private static int integer(Map<String, Object> p, String key, int fallback, String where) {
        Object value = p.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("The event source mapping " + where + " has " + key + " = " + value
                    + ", not a number.", e);
        }
    }

    private static boolean bool(Map<String, Object> p, String key, boolean fallback, String where) {
        Object value = p.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equals("true") || s.equals("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalStateException("The event source mapping " + where + " has " + key + " = " + value
                + ", not true or false.");
    }
}
