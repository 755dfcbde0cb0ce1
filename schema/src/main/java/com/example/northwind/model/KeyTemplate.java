package com.example.northwind.model;

import com.example.northwind.schema.Keys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a key value is composed from a fact's columns, as data: it both renders the value
 * ({@code ORDER#10248}) and describes itself for the docs and the model version ({@code ORDER#<orderID>}).
 * Keeping the two in one object is what lets the generated docs and the version hash follow the code.
 */
public record KeyTemplate(List<Part> parts) {

    /** One piece of a key value. */
    public sealed interface Part {
        /** The text for this fact, or null when a column it needs has no value. */
        String render(Map<String, ?> fact);

        String describe();
    }

    /** Fixed text such as {@code ORDER#}. */
    public record Literal(String text) implements Part {
        public String render(Map<String, ?> fact) {
            return text;
        }

        public String describe() {
            return text;
        }
    }

    /** A column's value as text ({@code 10248}, {@code ALFKI}, {@code 1996-07-04}). */
    public record Value(String column) implements Part {
        public String render(Map<String, ?> fact) {
            Object value = fact.get(column);
            return value == null ? null : value.toString();
        }

        public String describe() {
            return "<" + column + ">";
        }
    }

    /** A numeric id zero-padded to 10 digits, so it sorts numerically inside a string. */
    public record PaddedId(String column) implements Part {
        public String render(Map<String, ?> fact) {
            Object value = fact.get(column);
            if (value == null) {
                return null;
            }
            String text = value.toString();
            if (text.startsWith("<") && text.endsWith(">")) {
                return text.substring(0, text.length() - 1) + "10>"; // a symbolic value, for the generated docs
            }
            return Keys.paddedId(Long.parseLong(text));
        }

        public String describe() {
            return "<" + column + "10>";
        }
    }

    /** Hierarchical components joined by {@code #}, each escaped; an absent component is written empty. */
    public record Path(List<String> columns) implements Part {
        public String render(Map<String, ?> fact) {
            String[] components = new String[columns.size()];
            for (int i = 0; i < components.length; i++) {
                Object value = fact.get(columns.get(i));
                components[i] = value == null ? null : value.toString();
            }
            return Keys.path(components);
        }

        public String describe() {
            return "path(" + String.join(", ", columns) + ")";
        }
    }

    /**
     * The shard of a sharded list the item lands in ({@link Shards#of} of a numeric id column, 0 … count − 1). A
     * reader renders one shard's value by giving {@link Shards#FIXED} in the fact.
     */
    public record Shard(String column, int count) implements Part {
        public Shard {
            if (count < 1) {
                throw new IllegalArgumentException("a list has at least one shard: " + count);
            }
        }

        public String render(Map<String, ?> fact) {
            Object fixed = fact.get(Shards.FIXED);
            if (fixed != null) {
                return fixed.toString();
            }
            Object value = fact.get(column);
            if (value == null) {
                return null;
            }
            String text = value.toString();
            if (text.startsWith("<") && text.endsWith(">")) {
                return describe(); // a symbolic value, for the generated docs
            }
            return Integer.toString(Shards.of(Long.parseLong(text), count));
        }

        public String describe() {
            return "<shard(" + column + ") of " + count + ">";
        }
    }

    /**
     * A value computed from several columns by a rule the template names ({@code describe}): the rule is part of
     * the canonical description, so changing it changes the model version.
     */
    public record Derived(String description, List<String> inputs, java.util.function.Function<Map<String, ?>, String> rule)
            implements Part {
        public String render(Map<String, ?> fact) {
            return rule.apply(fact);
        }

        public String describe() {
            return "<" + description + ">";
        }
    }

    public KeyTemplate {
        parts = List.copyOf(parts);
    }

    public static KeyTemplate of(Part... parts) {
        return new KeyTemplate(List.of(parts));
    }

    public static Part lit(String text) {
        return new Literal(text);
    }

    public static Part val(String column) {
        return new Value(column);
    }

    public static Part id10(String column) {
        return new PaddedId(column);
    }

    public static Part path(String... columns) {
        return new Path(List.of(columns));
    }

    public static Part shard(String column, int count) {
        return new Shard(column, count);
    }

    public static Part derived(String description, List<String> inputs, java.util.function.Function<Map<String, ?>, String> rule) {
        return new Derived(description, List.copyOf(inputs), rule);
    }


    /** The key value for this fact, or null when a column it needs is absent (a sparse {@code data}). */
    public String render(Map<String, ?> fact) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            String text = part.render(fact);
            if (text == null) {
                return null;
            }
            out.append(text);
        }
        return out.toString();
    }

    /**
     * The leading part of the value that these columns determine, up to the first part that needs a column
     * not given: {@code DISCONTINUED#} for {@code {discontinued: true}} — a begins_with prefix.
     */
    public String renderPrefix(Map<String, ?> fact) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            String text = part.render(fact);
            if (text == null) {
                break;
            }
            out.append(text);
        }
        return out.toString();
    }

    /** The key value; a missing column is a programming or data error here (pk and sk always exist). */
    public String renderRequired(Map<String, ?> fact) {
        String value = render(fact);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("cannot build " + describe() + ": a column it needs has no value");
        }
        return value;
    }

    /** {@code ORDER#<orderDate>#<orderID10>}. */
    public String describe() {
        return parts.stream().map(Part::describe).collect(Collectors.joining());
    }

    /** The fixed text every value of this template starts with ({@code ORDER#}); empty when it starts with a column. */
    public String literalPrefix() {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (!(part instanceof Literal literal)) {
                break;
            }
            out.append(literal.text());
        }
        return out.toString();
    }

    /** The shard count of a sharded template (one with a {@link Shard} part); 1 when it is not sharded. */
    public int shardCount() {
        return parts.stream().filter(p -> p instanceof Shard).mapToInt(p -> ((Shard) p).count()).findFirst().orElse(1);
    }

    public boolean isSharded() {
        return parts.stream().anyMatch(p -> p instanceof Shard);
    }

    /** The columns the template reads, in order. */
    public List<String> columns() {
        List<String> out = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Value v) {
                out.add(v.column());
            } else if (part instanceof PaddedId p) {
                out.add(p.column());
            } else if (part instanceof Path p) {
                out.addAll(p.columns());
            } else if (part instanceof Shard s) {
                out.add(s.column());
            } else if (part instanceof Derived d) {
                out.addAll(d.inputs());
            }
        }
        return out;
    }
}
