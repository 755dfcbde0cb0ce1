package com.example.northwind.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One page of a sharded list ({@link Read.Sharded}), exact: the shards are read together and merged in the list's
 * order, and the page holds exactly the items an unsharded list would have given, in the same order. The query
 * Lambda runs it against DynamoDB and the partition-heat simulator against its in-memory table — the same code.
 *
 * <p>How, in at most two rounds of concurrent requests (so at most 2·S requests, latency about two round trips):
 * <ol>
 *   <li>Every shard not finished is read from its position with a small limit, about page / S + 1 items.</li>
 *   <li>Each shard is then <em>known</em> up to its last item read (or to its end when DynamoDB reported no more).
 *   Items up to the least known value — the frontier — are certainly the next ones of the list, in merged order.</li>
 *   <li>When they are fewer than the page, a top-up round reads, from each shard known short of it, the items up to
 *   the bound {@code t} = the k-th item read beyond the frontier (k = the items still missing), with a limit of
 *   k minus what that shard already holds beyond the frontier. Either limit or bound stops each read, and both
 *   leave every shard known far enough for k more items to be certain (docs/key-design.md, "Sharded lists").</li>
 * </ol>
 * Items read but not returned are read again by the next page (each shard continues after its last item returned):
 * nothing is skipped or repeated. An item written since an earlier page, behind the last item returned (into a shard
 * whose own position is further back), is passed over, as one unsharded list would never reach it. Sort values must
 * be unique within a list (each embeds the orderID).
 *
 * @param <T> the item as the caller reads it (a DynamoDB item, or an entry of the simulator's table)
 */
public final class ScatterGather {
    /**
     * Where one shard stands between pages: from its start ({@code after} null), after a key (whose value of the
     * list's sort attribute is {@code sortValue}), or finished.
     */
    public record Position(Map<String, String> after, String sortValue, boolean done) {
        public static final Position START = new Position(null, null, false);
        public static final Position DONE = new Position(null, null, true);

        public static Position after(Map<String, String> key, String sortValue) {
            return new Position(Map.copyOf(key), sortValue, false);
        }
    }

    /** A shard read to make: after {@code after} (null: from the start), at most {@code limit} items, stopping at {@code bound}. */
    public record Request(int shard, Map<String, String> after, int limit, String bound) {
    }

    /** One item read: the item, its key attributes (a continuation position) and its value of the list's sort attribute. */
    public record Row<T>(T item, Map<String, String> key, String sortValue) {
    }

    /** What one shard read returned; {@code more}: DynamoDB handed back a LastEvaluatedKey. */
    public record Fetched<T>(List<Row<T>> rows, boolean more, int scanned, double units) {
    }

    /** Reads a round: every request concurrently; answers in the order of the requests. */
    @FunctionalInterface
    public interface Reader<T> {
        List<Fetched<T>> read(List<Request> requests);
    }

    /** A page: its items, every shard's position for the next page (null when the list is finished), and the cost. */
    public record Page<T>(List<T> items, List<Position> next, int requests, int itemsRead, int scanned, double units) {
    }

    private ScatterGather() {
    }

    /** Every shard from its start. */
    public static List<Position> start(int shards) {
        return java.util.Collections.nCopies(shards, Position.START);
    }

    /** The round-1 limit per shard: about an even share of the page, plus one so a top-up is the exception. */
    static int firstLimit(int pageSize, int activeShards) {
        int share = (pageSize + activeShards - 1) / activeShards;
        return pageSize > activeShards ? share + 1 : share;
    }

    public static <T> Page<T> page(List<Position> from, int pageSize, boolean forward, Reader<T> reader) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be at least 1");
        }
        Comparator<String> order = forward ? SortCondition::compareUtf8 : (a, b) -> SortCondition.compareUtf8(b, a);
        int shards = from.size();
        List<Shard<T>> state = new ArrayList<>(shards);
        for (Position position : from) {
            state.add(new Shard<>(position));
        }
        List<Shard<T>> active = state.stream().filter(s -> !s.position.done()).toList();
        // The last item any earlier page returned: an item written behind it since (into a shard whose own position is
        // further back) is skipped, as one unsharded Query past that point would never see it.
        String floor = null;
        for (Position position : from) {
            if (position.sortValue() != null && (floor == null || order.compare(position.sortValue(), floor) > 0)) {
                floor = position.sortValue();
            }
        }
        Cost cost = new Cost();
        if (active.isEmpty()) {
            return new Page<>(List.of(), null, 0, 0, 0, 0);
        }

        // Round 1: every active shard, a small limit each.
        int limit = firstLimit(pageSize, active.size());
        List<Request> first = new ArrayList<>();
        for (Shard<T> shard : active) {
            first.add(new Request(state.indexOf(shard), shard.position.after(), limit, null));
        }
        absorb(state, first, reader.read(first), null, floor, order, cost);

        // Round 2 (top-up), only when the certain items do not fill the page.
        Frontier frontier = Frontier.of(active, order);
        int certain = countCertain(active, frontier);
        if (certain < pageSize && !frontier.everything()) {
            int missing = pageSize - certain;
            List<String> beyond = new ArrayList<>();
            for (Shard<T> shard : active) {
                shard.rows.stream().map(Row::sortValue).filter(v -> !frontier.covers(v)).forEach(beyond::add);
            }
            beyond.sort(order);
            String bound = beyond.size() >= missing ? beyond.get(missing - 1) : null;
            List<Request> topUp = new ArrayList<>();
            for (Shard<T> shard : active) {
                boolean farEnough = bound != null && shard.knownUpTo != null && order.compare(shard.knownUpTo, bound) >= 0;
                if (shard.knownToEnd || farEnough) {
                    continue;
                }
                long held = shard.rows.stream().filter(r -> !frontier.covers(r.sortValue())).count();
                int need = (int) (missing - held);
                if (need > 0) {
                    topUp.add(new Request(state.indexOf(shard), shard.lastKey(), need, bound));
                }
            }
            if (!topUp.isEmpty()) {
                absorb(state, topUp, reader.read(topUp), bound, floor, order, cost);
            }
        }

        // The page: every certain item, merged, up to the page size.
        Frontier known = Frontier.of(active, order);
        List<Row<T>> merged = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (Shard<T> shard : active) {
            for (Row<T> row : shard.rows) {
                if (known.covers(row.sortValue())) {
                    merged.add(row);
                    owner.add(state.indexOf(shard));
                }
            }
        }
        Integer[] byOrder = new Integer[merged.size()];
        for (int i = 0; i < byOrder.length; i++) {
            byOrder[i] = i;
        }
        java.util.Arrays.sort(byOrder, (a, b) -> order.compare(merged.get(a).sortValue(), merged.get(b).sortValue()));
        List<T> items = new ArrayList<>(Math.min(pageSize, byOrder.length));
        int[] returned = new int[shards];
        List<Row<T>> lastReturned = new ArrayList<>(java.util.Collections.nCopies(shards, null));
        for (int i = 0; i < byOrder.length && items.size() < pageSize; i++) {
            Row<T> row = merged.get(byOrder[i]);
            int shard = owner.get(byOrder[i]);
            items.add(row.item());
            returned[shard]++;
            lastReturned.set(shard, row);
        }

        List<Position> next = new ArrayList<>(shards);
        boolean finished = true;
        for (int i = 0; i < shards; i++) {
            Shard<T> shard = state.get(i);
            Position position;
            if (shard.position.done()) {
                position = shard.position;
            } else if (shard.knownToEnd && returned[i] == shard.rows.size()) {
                // Read to its end and all of it returned: finished, but its last item still counts for the floor.
                Row<T> last = returned[i] > 0 ? lastReturned.get(i) : shard.lastSkipped;
                position = last != null ? new Position(Map.copyOf(last.key()), last.sortValue(), true)
                        : new Position(shard.position.after(), shard.position.sortValue(), true);
            } else if (returned[i] > 0) {
                position = Position.after(lastReturned.get(i).key(), lastReturned.get(i).sortValue());
            } else if (shard.lastSkipped != null) {
                position = Position.after(shard.lastSkipped.key(), shard.lastSkipped.sortValue()); // past what it skipped
            } else {
                position = shard.position;
            }
            finished &= position.done();
            next.add(position);
        }
        return new Page<>(items, finished ? null : next, cost.requests, cost.itemsRead, cost.scanned, cost.units);
    }

    /** Adds a round's answers to the shards' state: their rows, and how far each is now known. */
    private static <T> void absorb(List<Shard<T>> state, List<Request> requests, List<Fetched<T>> answers, String bound,
                                   String floor, Comparator<String> order, Cost cost) {
        if (answers.size() != requests.size()) {
            throw new IllegalStateException("a reader answered " + answers.size() + " of " + requests.size() + " requests");
        }
        for (int i = 0; i < requests.size(); i++) {
            Shard<T> shard = state.get(requests.get(i).shard());
            Fetched<T> fetched = answers.get(i);
            for (Row<T> row : fetched.rows()) {
                if (floor != null && order.compare(row.sortValue(), floor) <= 0) {
                    shard.lastSkipped = row; // written behind the cursor since an earlier page
                } else {
                    shard.rows.add(row);
                }
            }
            if (!fetched.rows().isEmpty()) {
                shard.lastRead = fetched.rows().get(fetched.rows().size() - 1);
            }
            cost.requests++;
            cost.itemsRead += fetched.rows().size();
            cost.scanned += fetched.scanned();
            cost.units += fetched.units();
            if (fetched.more()) {
                // Known up to its last item read; a read that returned nothing yet said "more" moves nothing on.
                if (!fetched.rows().isEmpty()) {
                    shard.knownUpTo = fetched.rows().get(fetched.rows().size() - 1).sortValue();
                }
            } else if (bound == null) {
                shard.knownToEnd = true;
            } else {
                shard.knownUpTo = bound; // every item up to the bound has been read
            }
        }
    }

    /**
     * How far the merged list is certain: up to the least value some shard is known up to ({@code value}), everything
     * (every shard read to its end), or nothing (a shard said "more" without giving an item yet).
     */
    private record Frontier(String value, boolean everything, boolean nothing, Comparator<String> order) {
        static <T> Frontier of(List<Shard<T>> active, Comparator<String> order) {
            String least = null;
            for (Shard<T> shard : active) {
                if (shard.knownToEnd) {
                    continue;
                }
                if (shard.knownUpTo == null) {
                    return new Frontier(null, false, true, order);
                }
                if (least == null || order.compare(shard.knownUpTo, least) < 0) {
                    least = shard.knownUpTo;
                }
            }
            return new Frontier(least, least == null, false, order);
        }

        boolean covers(String sortValue) {
            return everything || (!nothing && order.compare(sortValue, value) <= 0);
        }
    }

    private static <T> int countCertain(List<Shard<T>> active, Frontier frontier) {
        int count = 0;
        for (Shard<T> shard : active) {
            for (Row<T> row : shard.rows) {
                if (frontier.covers(row.sortValue())) {
                    count++;
                }
            }
        }
        return count;
    }

    /** A shard during one page. */
    private static final class Shard<T> {
        final Position position;
        final List<Row<T>> rows = new ArrayList<>();
        String knownUpTo;
        boolean knownToEnd;
        Row<T> lastRead;
        Row<T> lastSkipped;

        Shard(Position position) {
            this.position = position;
        }

        Map<String, String> lastKey() {
            return lastRead == null ? position.after() : lastRead.key();
        }
    }

    private static final class Cost {
        int requests;
        int itemsRead;
        int scanned;
        double units;
    }
}
