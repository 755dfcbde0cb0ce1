package com.example.northwind.local.design;

import com.example.northwind.model.AccessPatterns;
import com.example.northwind.model.Item;
import com.example.northwind.model.ParamSpec;
import com.example.northwind.model.PatternDefinition;
import com.example.northwind.model.Read;
import com.example.northwind.model.SortCondition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every access pattern evaluated against the sample, the way DynamoDB would answer it: the pattern's own
 * {@link Read} (from the item model), then partition match plus {@link SortCondition#matches}. Parameters are
 * taken from the sample itself (the pattern's example value when the sample holds it), so each pattern reads
 * something; reads of the table are held to the partitions a picture draws.
 */
public final class SampleReads {
    /** One pattern on the sample: the parameters chosen, the read they make and the items it returns. */
    public record PatternRead(PatternDefinition pattern, Map<String, String> params, Read read, List<Item> matched) {
        public boolean onIndex() {
            return read instanceof Read.Query q && q.index() != null;
        }

        /** The partition the read names: a pk value for the table, an sk value for gsi_1. */
        public String partition() {
            return read instanceof Read.Get g ? g.partition() : ((Read.Query) read).partition();
        }

        /** {@code customerOrders(customerId=ALFKI)}. */
        public String call() {
            StringBuilder out = new StringBuilder(pattern.name()).append('(');
            params.forEach((k, v) -> out.append(out.charAt(out.length() - 1) == '(' ? "" : ", ").append(k).append('=').append(v));
            return out.append(')').toString();
        }
    }

    private SampleReads() {
    }

    public static List<PatternRead> evaluate(DesignSample sample) {
        List<PatternRead> out = new ArrayList<>();
        for (PatternDefinition pattern : AccessPatterns.all()) {
            out.add(evaluate(sample, pattern));
        }
        return out;
    }

    /** The first parameter choice that reads at least one sample item; with none, the example's (reading nothing). */
    static PatternRead evaluate(DesignSample sample, PatternDefinition pattern) {
        List<ParamSpec> required = pattern.params().stream().filter(ParamSpec::required).toList();
        List<Map<String, String>> choices = new ArrayList<>();
        choose(sample, pattern, required, 0, new LinkedHashMap<>(), choices);
        PatternRead fallback = null;
        for (Map<String, String> params : choices) {
            Read read = pattern.read(params);
            PatternRead candidate = new PatternRead(pattern, params, read, matches(sample, read));
            if (fallback == null) {
                fallback = candidate;
            }
            if (!candidate.matched().isEmpty()) {
                return candidate;
            }
        }
        return fallback;
    }

    /** Items a read returns, in the order DynamoDB returns them. */
    public static List<Item> matches(DesignSample sample, Read read) {
        if (read instanceof Read.Get get) {
            return sample.items().stream().filter(i -> i.pk().equals(get.partition()) && i.sk().equals(get.sort()))
                    .filter(i -> sample.basePartitions().contains(i.pk())).toList();
        }
        Read.Query query = (Read.Query) read;
        boolean index = query.index() != null;
        Comparator<Item> order = (a, b) -> SortCondition.compareUtf8(index ? a.data() : a.sk(), index ? b.data() : b.sk());
        return sample.items().stream()
                .filter(i -> index
                        ? i.data() != null && i.sk().equals(query.partition()) && query.sort().matches(i.data())
                        : i.pk().equals(query.partition()) && query.sort().matches(i.sk())
                                && sample.basePartitions().contains(i.pk()))
                .sorted(query.forward() ? order : order.reversed())
                .toList();
    }

    /** Every combination of candidate values for the required parameters (the patterns have at most one or two). */
    private static void choose(DesignSample sample, PatternDefinition pattern, List<ParamSpec> required, int at,
                               Map<String, String> chosen, List<Map<String, String>> out) {
        if (at == required.size()) {
            out.add(new LinkedHashMap<>(chosen));
            return;
        }
        ParamSpec param = required.get(at);
        for (String value : candidates(sample, pattern, param)) {
            chosen.put(param.name(), value);
            choose(sample, pattern, required, at + 1, chosen, out);
            chosen.remove(param.name());
        }
    }

    /** The example's value first, then every value of the matching column in the sample ({@code customerId} → customerID). */
    private static Set<String> candidates(DesignSample sample, PatternDefinition pattern, ParamSpec param) {
        String column = param.name().endsWith("Id") ? param.name().substring(0, param.name().length() - 2) + "ID" : param.name();
        Set<String> values = new LinkedHashSet<>();
        Object example = pattern.example().get(param.name());
        if (example != null) {
            values.add(example.toString());
        }
        for (Item item : sample.items()) {
            Object value = item.attributes().get(column);
            if (value != null) {
                values.add(value.toString());
            }
        }
        return values;
    }
}
