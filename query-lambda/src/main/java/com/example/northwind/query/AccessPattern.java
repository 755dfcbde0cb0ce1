package com.example.northwind.query;

import com.example.northwind.lambda.KnownNames;
import com.example.northwind.model.AccessPatterns;
import com.example.northwind.model.AnswerView;
import com.example.northwind.model.PatternDefinition;
import com.example.northwind.model.Read;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An access pattern as the query API serves it: the item model's definition (name, parameters, the key
 * condition it reads, how its items are shown — {@link AccessPatterns}) plus the validation of its parameters.
 * This Lambda knows nothing of how key values are composed; it runs the {@link Read} the model plans.
 */
record AccessPattern(PatternDefinition definition, List<Param> params) {
    private static final List<AccessPattern> ALL = AccessPatterns.all().stream().map(AccessPattern::of).toList();

    private static AccessPattern of(PatternDefinition definition) {
        return new AccessPattern(definition, definition.params().stream()
                .map(p -> new Param(p.name(), ParamType.of(p.kind()), p.required())).toList());
    }

    String patternName() {
        return definition.name();
    }

    AnswerView view() {
        return definition.view();
    }

    /** The request for these (validated, normalised) parameter values. */
    Read plan(Map<String, String> values) {
        return definition.read(values);
    }

    /** "customerId, from?, to?" — or "no parameters". */
    String signature() {
        return definition.signature();
    }

    static List<AccessPattern> all() {
        return ALL;
    }

    static Optional<AccessPattern> byName(String name) {
        return ALL.stream().filter(p -> p.patternName().equals(name)).findFirst();
    }

    static String knownNames() {
        return KnownNames.patterns();
    }
}
