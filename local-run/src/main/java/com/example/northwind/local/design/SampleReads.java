package com.example.northwind.local.design;

import com.example.northwind.model.AccessPatterns;
import com.example.northwind.model.Item;
import com.example.northwind.model.ParamSpec;
import com.example.northwind.model.PatternDefinition;
import com.example.northwind.model.Read;
import com.example.northwind.model.SortCondition;
import com.example.northwind.schema.TableIndex;
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
        /** The index the read queries; null for the base table (a GetItem or a Query of the table). */
        public TableIndex index() {
            return read.queries().isEmpty() ? null : read.queries().get(0).index();
        }

        public boolean onIndex() {
            return index() != null;
        }

        /** The partition the read names: a pk value for the table, the index's partition key value on an index. */
        public String partition() {
            return read instanceof Read.Get g ? g.partition() : read.queries().get(0).partition();
        }

        /**
         * Every partition the read names that the picture should draw: one, or for a sharded list the shards holding
         * what it returned (the first shard when it returned nothing).
         */
        public List<String> partitions() {
            if (!(read instanceof Read.Sharded sharded)) {
                return List.of(partition());
            }
            String attribute = sharded.shards().get(0).partitionAttribute();
            List<String> out = sharded.shards().stream().map(Read.Query::partition)
                    .filter(p -> matched.stream().anyMatch(i -> p.equals(IndexKeys.value(i, attribute)))).toList();
            return out.isEmpty() ? List.of(partition()) : out;
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

    /**
     * Items a read returns, in the order DynamoDB returns them. A Query reads the partition and sort attributes the
     * {@link Read.Query} names (the table's, or any index's): only items that have both are in an index. Reads of the
     * table are held to the partitions a picture draws.
     */
    public static List<Item> matches(DesignSample sample, Read read) {
        if (read instanceof Read.Get get) {
            return sample.items().stream().filter(i -> i.pk().equals(get.partition()) && i.sk().equals(get.sort()))
                    .filter(i -> sample.basePartitions().contains(i.pk())).toList();
        }
        if (read instanceof Read.Sharded sharded) {
            // Every shard's items, merged in the list's order: what the scatter-gather pages return, in one list.
            Read.Query first = sharded.shards().get(0);
            Comparator<Item> order = (a, b) -> SortCondition.compareUtf8(IndexKeys.value(a, first.sortAttribute()),
                    IndexKeys.value(b, first.sortAttribute()));
            return sharded.shards().stream().flatMap(shard -> matches(sample, shard).stream())
                    .sorted(first.forward() ? order : order.reversed()).toList();
        }
        Read.Query query = (Read.Query) read;
        String partitionAttribute = query.partitionAttribute();
        String sortAttribute = query.sortAttribute();
        Comparator<Item> order = (a, b) -> SortCondition.compareUtf8(IndexKeys.value(a, sortAttribute),
                IndexKeys.value(b, sortAttribute));
        return sample.items().stream()
                .filter(i -> {
                    String partition = IndexKeys.value(i, partitionAttribute);
                    String sort = IndexKeys.value(i, sortAttribute);
                    return partition != null && sort != null && partition.equals(query.partition())
                            && query.sort().matches(sort)
                            && (query.index() != null || sample.basePartitions().contains(i.pk()));
                })
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
