package com.example.northwind.benchmark.heat;

import com.example.northwind.model.Read;
import com.example.northwind.model.ScatterGather;
import com.example.northwind.model.SortCondition;
import java.util.ArrayList;
import java.util.List;
import com.example.northwind.schema.TableIndex;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What a read would find: for the table and each index, every partition's entries in key order with each entry's
 * size in bytes (no attributes). Enough to say how many items and bytes a page of a {@link Read} reads.
 *
 * <p>Bounded memory: a partition keeps at most {@code endEntries} entries at each end of its key range (a page of
 * up to {@code endEntries} items read from either end is exact; the simulated reads only read first pages), and each
 * target keeps the {@code maxPartitions} partitions written or read most recently. A read that reaches into a dropped
 * middle or an evicted partition is counted in {@link #inexactReads()}.
 */
public final class TableState {
    public static final String TABLE = "table";
    private static final Comparator<String> ORDER = ItemSize::compareUtf8;
    private static final char SEP = '\u0000';

    /** One partition of one target: entries keyed sortValue NUL pk NUL sk (index entries are not unique on their key). */
    static final class Partition {
        final TreeMap<String, Integer> entries = new TreeMap<>(ORDER);
        long dropped;
    }

    /** One request a read made: the partition it read, the items and bytes it read (its units are charged there). */
    public record Request(String partition, int items, long bytes, boolean consistent) {
        public Request(String partition, int items, long bytes) {
            this(partition, items, bytes, false);
        }

        public double units() {
            return Units.read(bytes, consistent);
        }
    }

    /**
     * A page: the requests it made (one, or for a sharded list every shard query of the scatter-gather), the items it
     * returned and the bytes it read.
     */
    public record Page(String target, List<Request> requests, int items, long bytes, boolean exact) {
        Page(String target, String partition, int items, long bytes, boolean exact) {
            this(target, List.of(new Request(partition, items, bytes)), items, bytes, exact);
        }

        public String partition() {
            return requests.get(0).partition();
        }

        /** Read units of the page: each request's, rounded on its own. */
        public double units() {
            return requests.stream().mapToDouble(Request::units).sum();
        }

        public int itemsRead() {
            return requests.stream().mapToInt(Request::items).sum();
        }
    }

    private final int endEntries;
    private final int maxPartitions;
    private final Map<String, LinkedHashMap<String, Partition>> targets = new HashMap<>();
    private long inexactReads;
    private long evicted;

    public TableState(int endEntries, int maxPartitions) {
        this.endEntries = endEntries;
        this.maxPartitions = maxPartitions;
        targets.put(TABLE, partitions());
        for (TableIndex index : TableIndex.values()) {
            targets.put(index.indexName(), partitions());
        }
    }

    private LinkedHashMap<String, Partition> partitions() {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Partition> eldest) {
                if (size() > maxPartitions) {
                    evicted++;
                    return true;
                }
                return false;
            }
        };
    }

    static String entryKey(String sortValue, String pk, String sk) {
        return sortValue + SEP + pk + SEP + sk;
    }

    public void put(String target, String partition, String sortValue, String pk, String sk, int bytes) {
        Partition p = targets.get(target).computeIfAbsent(partition, k -> new Partition());
        p.entries.put(entryKey(sortValue, pk, sk), bytes);
        if (p.entries.size() > 3 * endEntries) {
            trim(p);
        }
    }

    public void remove(String target, String partition, String sortValue, String pk, String sk) {
        Partition p = targets.get(target).get(partition);
        if (p != null) {
            p.entries.remove(entryKey(sortValue, pk, sk));
        }
    }

    /** Keeps the first and last {@code endEntries} entries. */
    private void trim(Partition p) {
        int keep = endEntries;
        int drop = p.entries.size() - 2 * keep;
        Iterator<String> it = p.entries.navigableKeySet().iterator();
        for (int i = 0; i < keep; i++) {
            it.next();
        }
        for (int i = 0; i < drop; i++) {
            it.next();
            it.remove();
        }
        p.dropped += drop;
    }

    /** The first page (up to {@code limit} items) of a read: its target, partition, items and bytes. */
    public Page read(Read read, int limit) {
        if (read instanceof Read.Get get) {
            Integer size = size(get.partition(), get.sort());
            if (get.withStock()) {
                // One strongly consistent BatchGetItem: each item is read (and rounded up) on its own partition key.
                List<Request> requests = new ArrayList<>();
                requests.add(new Request(get.partition(), size == null ? 0 : 1, size == null ? 0 : size, true));
                for (String shard : get.stockShards()) {
                    Integer shardSize = size(shard, com.example.northwind.model.ItemModel.STOCK_SORT_KEY);
                    requests.add(new Request(shard, shardSize == null ? 0 : 1, shardSize == null ? 0 : shardSize, true));
                }
                return new Page(TABLE, requests, size == null ? 0 : 1, size == null ? 0 : size, true);
            }
            return new Page(TABLE, get.partition(), size == null ? 0 : 1, size == null ? 0 : size, true);
        }
        if (read instanceof Read.Sharded sharded) {
            return readSharded(sharded, limit);
        }
        Read.Query q = (Read.Query) read;
        String target = q.index() == null ? TABLE : q.index().indexName();
        boolean[] exact = {true};
        ScatterGather.Fetched<Integer> page = query(target, q.partition(), q.sort(), q.forward(), null, limit, exact);
        if (!exact[0]) {
            inexactReads++;
        }
        long bytes = page.rows().stream().mapToLong(ScatterGather.Row::item).sum();
        return new Page(target, q.partition(), page.rows().size(), bytes, exact[0]);
    }

    private Integer size(String partition, String sort) {
        Partition p = targets.get(TABLE).get(partition);
        return p == null ? null : p.entries.get(entryKey(sort, partition, sort));
    }

    /**
     * The first page of a sharded list, read the way the query Lambda reads it: {@link ScatterGather} (the same code)
     * over this table's entries, every shard query charged to its own partition.
     */
    private Page readSharded(Read.Sharded read, int limit) {
        String target = read.index() == null ? TABLE : read.index().indexName();
        List<Request> requests = new ArrayList<>();
        boolean[] exact = {true};
        ScatterGather.Page<Integer> page = ScatterGather.page(ScatterGather.start(read.shards().size()), limit, read.forward(),
                round -> {
                    List<ScatterGather.Fetched<Integer>> answers = new ArrayList<>(round.size());
                    for (ScatterGather.Request request : round) {
                        Read.Query shard = read.shards().get(request.shard());
                        SortCondition sort = request.bound() == null ? shard.sort()
                                : shard.sort().boundedBy(request.bound(), shard.forward());
                        ScatterGather.Fetched<Integer> fetched = query(target, shard.partition(), sort, shard.forward(),
                                request.after() == null ? null : request.after().get(ENTRY), request.limit(), exact);
                        long bytes = fetched.rows().stream().mapToLong(ScatterGather.Row::item).sum();
                        requests.add(new Request(shard.partition(), fetched.rows().size(), bytes));
                        answers.add(fetched);
                    }
                    return answers;
                });
        if (!exact[0]) {
            inexactReads++;
        }
        long bytes = requests.stream().mapToLong(Request::bytes).sum();
        return new Page(target, requests, page.items().size(), bytes, exact[0]);
    }

    /** The row key of a simulated entry: its entry key (sort value NUL pk NUL sk). */
    private static final String ENTRY = "entry";

    /** One Query of a partition: after an entry (exclusive) when given, up to {@code limit} matching entries. */
    private ScatterGather.Fetched<Integer> query(String target, String partition, SortCondition sort, boolean forward,
                                                  String after, int limit, boolean[] exact) {
        Partition p = targets.get(target).get(partition);
        if (p == null) {
            return new ScatterGather.Fetched<>(List.of(), false, 0, 0);
        }
        NavigableMap<String, Integer> view = forward ? p.entries : p.entries.descendingMap();
        if (after != null) {
            view = view.tailMap(after, false);
        }
        List<ScatterGather.Row<Integer>> rows = new ArrayList<>();
        int position = 0;
        boolean inRange = false;
        boolean more = false;
        for (Map.Entry<String, Integer> e : view.entrySet()) {
            String key = e.getKey();
            String sortValue = key.substring(0, key.indexOf(SEP));
            if (sort.matches(sortValue)) {
                if (rows.size() == limit) {
                    more = true; // DynamoDB hands back a LastEvaluatedKey when the limit stops it
                    break;
                }
                inRange = true;
                if (p.dropped > 0 && position >= endEntries) {
                    exact[0] = false;
                }
                rows.add(new ScatterGather.Row<>(e.getValue(), Map.of(ENTRY, key), sortValue));
            } else if (inRange) {
                break;
            }
            position++;
        }
        // DynamoDB hands back a LastEvaluatedKey whenever the Limit stopped it, whether or not more items follow.
        return new ScatterGather.Fetched<>(rows, more || rows.size() == limit, rows.size(), 0);
    }

    public long inexactReads() {
        return inexactReads;
    }

    public long evictedPartitions() {
        return evicted;
    }
}
