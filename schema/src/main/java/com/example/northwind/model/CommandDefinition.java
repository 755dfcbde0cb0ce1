package com.example.northwind.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One command of the write side: its name, what it does, its parameters and an example request. */
public record CommandDefinition(String name, String effect, List<CommandParam> params, Map<String, Object> example) {
    public CommandDefinition {
        params = List.copyOf(params);
        example = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(example));
    }

    public String signature() {
        return params.stream().map(CommandParam::toString).collect(Collectors.joining(", "));
    }

    public CommandParam param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
}
