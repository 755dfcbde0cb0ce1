package com.example.northwind.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One access pattern: its name, parameters, the one request that reads a page of it (a function of the
 * normalised parameter values), how its items are shown, and an example request for the docs.
 */
public record PatternDefinition(String name, String answers, AnswerView view, Function<Map<String, String>, Read> plan,
                                List<ParamSpec> params, Map<String, Object> example) {
    public PatternDefinition {
        params = List.copyOf(params);
        example = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(example));
    }

    /** The read for these (validated, normalised) parameter values. */
    public Read read(Map<String, String> values) {
        return plan.apply(values);
    }

    /** "customerId, from?, to?" — or "no parameters". */
    public String signature() {
        return params.isEmpty() ? "no parameters" : params.stream().map(ParamSpec::toString).collect(Collectors.joining(", "));
    }

    /**
     * The read for every combination of optional parameters, with symbolic values ({@code <customerId>}):
     * the docs table and the model version are made from these, so they follow the plan function itself.
     */
    public Map<String, Read> symbolicReads() {
        List<ParamSpec> optional = params.stream().filter(p -> !p.required()).toList();
        Map<String, Read> out = new LinkedHashMap<>();
        for (int mask = 0; mask < (1 << optional.size()); mask++) {
            Map<String, String> values = new TreeMap<>();
            List<String> given = new ArrayList<>();
            for (ParamSpec p : params) {
                if (p.required()) {
                    values.put(p.name(), "<" + p.name() + ">");
                }
            }
            for (int i = 0; i < optional.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    values.put(optional.get(i).name(), "<" + optional.get(i).name() + ">");
                    given.add(optional.get(i).name());
                }
            }
            out.put(given.isEmpty() ? "" : "with " + String.join(", ", given), read(values));
        }
        return out;
    }

    /** A canonical one-line description: the input of the model version. */
    public String canonical() {
        StringBuilder out = new StringBuilder(name).append('|').append(view).append('|');
        params.forEach(p -> out.append(p.name()).append(':').append(p.kind()).append(p.required() ? "!" : "?").append(','));
        symbolicReads().forEach((variant, read) -> out.append('|').append(variant).append("=>").append(read.describe()));
        return out.toString();
    }

    /** Builder-style factory keeping the pattern table readable. */
    public static PatternDefinition pattern(String name, String answers, AnswerView view,
                                            Function<Map<String, String>, Read> plan, Map<String, Object> example,
                                            ParamSpec... params) {
        return new PatternDefinition(name, answers, view, plan, List.of(params), example);
    }
}
