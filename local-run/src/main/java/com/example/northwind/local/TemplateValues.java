package com.example.northwind.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves the CloudFormation intrinsics a local run can answer: {@code Ref}, {@code Fn::GetAtt},
 * {@code Fn::Join}, {@code Fn::ImportValue} and {@code Fn::GetStackOutput} (through another stack's
 * Outputs). References are answered by a lookup the caller supplies (logical ID or pseudo parameter →
 * value); anything else is an error naming the value, never a silently wrong string.
 */
public final class TemplateValues {
    public static final String ACCOUNT = "000000000000";
    public static final String REGION = "us-east-1";

    private final Function<String, Object> references;
    private final Function<String, Object> outputs;

    /**
     * @param references logical ID, {@code Logical.Attribute} or pseudo parameter → value, null when unknown
     * @param outputs    output or export name of another stack → its value (unresolved), null when unknown
     */
    public TemplateValues(Function<String, Object> references, Function<String, Object> outputs) {
        this.references = name -> {
            Object value = switch (name) {
                case "AWS::Region" -> REGION;
                case "AWS::AccountId" -> ACCOUNT;
                case "AWS::Partition" -> "aws";
                case "AWS::URLSuffix" -> "amazonaws.com";
                default -> null;
            };
            return value != null ? value : references.apply(name);
        };
        this.outputs = outputs;
    }

    public Object resolve(Object value, String path) {
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                resolved.add(resolve(list.get(i), path + "[" + i + "]"));
            }
            return resolved;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        if (map.size() == 1) {
            String key = String.valueOf(map.keySet().iterator().next());
            Object argument = map.values().iterator().next();
            switch (key) {
                case "Ref":
                    return known(references.apply(String.valueOf(argument)), value, path);
                case "Fn::GetAtt":
                    if (argument instanceof List<?> parts && parts.size() == 2) {
                        return known(references.apply(parts.get(0) + "." + parts.get(1)), value, path);
                    }
                    break;
                case "Fn::Join":
                    if (argument instanceof List<?> parts && parts.size() == 2 && parts.get(1) instanceof List<?> items) {
                        List<String> strings = new ArrayList<>();
                        for (Object item : items) {
                            strings.add(String.valueOf(resolve(item, path)));
                        }
                        return String.join(String.valueOf(parts.get(0)), strings);
                    }
                    break;
                case "Fn::ImportValue":
                    return resolve(known(outputs.apply(String.valueOf(resolve(argument, path))), value, path), path);
                case "Fn::GetStackOutput":
                    if (argument instanceof Map<?, ?> ref) {
                        return resolve(known(outputs.apply(String.valueOf(ref.get("OutputName"))), value, path), path);
                    }
                    break;
                default:
                    if (key.startsWith("Fn::")) {
                        throw unresolvable(value, path);
                    }
            }
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        map.forEach((k, v) -> resolved.put(String.valueOf(k), resolve(v, path + "." + k)));
        return resolved;
    }

    private static Object known(Object resolved, Object original, String path) {
        if (resolved == null) {
            throw unresolvable(original, path);
        }
        return resolved;
    }

    private static IllegalStateException unresolvable(Object value, String path) {
        return new IllegalStateException("Cannot resolve " + path + " = " + value
                + " for a local run: it refers to something only CloudFormation knows.");
    }
}
