package com.example.northwind.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The scatter-gather merge on in-memory shards that answer like DynamoDB (a Limit that is reached hands back a
 * "more", an exclusive start, a key-condition bound): expected pages come from one sorted list of everything.
 */
class ScatterGatherTest {

    /** Shards of sort values; each value is its own key. Reads behave like a Query with Limit and ExclusiveStartKey. */
    static final class Shards implements ScatterGather.Reader<String> {
        final List<TreeSet<String>> shards = new ArrayList<>();
        final boolean forward;

        Shards(int count, boolean forward) {
            for (int i = 0; i < count; i++) {
                shards.add(new TreeSet<>(SortCondition::compareUtf8));
            }
            this.forward = forward;
        }

        @Override
        public List<ScatterGather.Fetched<String>> read(List<ScatterGather.Request> requests) {
            List<ScatterGather.Fetched<String>> out = new ArrayList<>();
            for (ScatterGather.Request r : requests) {
                java.util.NavigableSet<String> view = forward ? shards.get(r.shard()) : shards.get(r.shard()).descendingSet();
                if (r.after() != null) {
                    view = view.tailSet(r.after().get("k"), false);
                }
                List<ScatterGather.Row<String>> rows = new ArrayList<>();
                boolean more = false;
                for (String v : view) {
                    boolean beyondBound = r.bound() != null
                            && (forward ? SortCondition.compareUtf8(v, r.bound()) > 0 : SortCondition.compareUtf8(v, r.bound()) < 0);
                    if (beyondBound) {
                        break;
                    }
                    if (rows.size() == r.limit()) {
                        more = true;
                        break;
                    }
                    rows.add(new ScatterGather.Row<>(v, Map.of("k", v), v));
                }
                // DynamoDB also says "more" when the limit is reached exactly at the end: the next read finds nothing.
                if (rows.size() == r.limit()) {
                    more = true;
                }
                out.add(new ScatterGather.Fetched<>(rows, more, rows.size(), 0.5));
            }
            return out;
        }

        /** Adds a value to a random shard, unless some shard has it (sort values are unique within a list). */
        void add(String value, Random random) {
            if (shards.stream().noneMatch(shard -> shard.contains(value))) {
                shards.get(random.nextInt(shards.size())).add(value);
            }
        }

        List<String> all() {
            TreeSet<String> all = new TreeSet<>(SortCondition::compareUtf8);
            shards.forEach(all::addAll);
            return forward ? List.copyOf(all) : List.copyOf(all.descendingSet());
        }
    }

    @ParameterizedTest(name = "S={0}, page {1}, forward={2}")
    @CsvSource({"8,1,true", "8,7,true", "8,25,true", "8,25,false", "4,7,false", "4,25,true", "2,3,false"})
    void walkingEveryPage_returnsTheWholeListInOrder_fullPagesAndAtMostTwoRequestsPerShard(int s, int page, boolean forward) {
        long seed = 1000L * s + page + (forward ? 1 : 0);
        System.out.println("ScatterGatherTest seed " + seed);
        Random random = new Random(seed);
        // GIVEN 300 values spread at random over S shards
        Shards shards = new Shards(s, forward);
        for (int i = 0; i < 300; i++) {
            shards.add(String.format("%05d", random.nextInt(100_000)), random);
        }
        List<String> expected = shards.all();
        // WHEN every page is read, one after another
        List<String> got = new ArrayList<>();
        List<ScatterGather.Position> from = ScatterGather.start(s);
        int pages = 0;
        while (from != null) {
            ScatterGather.Page<String> p = ScatterGather.page(from, page, forward, shards);
            // THEN each page is full until the last, and made of at most 2·S requests
            assertTrue(p.requests() <= 2 * s, "requests " + p.requests());
            if (p.next() != null) {
                assertEquals(page, p.items().size(), "a page before the last is full");
            }
            got.addAll(p.items());
            from = p.next();
            pages++;
            assertTrue(pages <= expected.size() + 1, "the walk ends");
        }
        // AND together they are the list, in order, nothing skipped or repeated
        assertEquals(expected, got);
    }

    @Test
    void writesBetweenPages_neverMakeAPageSkipOrRepeatAnItemThatStayed() {
        long seed = 20261204L;
        System.out.println("ScatterGatherTest seed " + seed);
        Random random = new Random(seed);
        Shards shards = new Shards(8, true);
        for (int i = 0; i < 200; i++) {
            shards.add(String.format("%05d", random.nextInt(100_000)), random);
        }
        Set<String> stayed = new HashSet<>(shards.all());
        List<String> got = new ArrayList<>();
        List<ScatterGather.Position> from = ScatterGather.start(8);
        while (from != null) {
            ScatterGather.Page<String> p = ScatterGather.page(from, 7, true, shards);
            got.addAll(p.items());
            from = p.next();
            // GIVEN writes between pages: new items anywhere, and deletions
            for (int i = 0; i < 3; i++) {
                shards.add(String.format("%05d", random.nextInt(100_000)), random);
            }
            TreeSet<String> victim = shards.shards.get(random.nextInt(8));
            if (!victim.isEmpty()) {
                String gone = victim.pollLast();
                stayed.remove(gone);
            }
        }
        // THEN no item is returned twice, the pages are in order, and every item that stayed throughout was returned
        assertEquals(got.size(), new HashSet<>(got).size(), "no repeats");
        for (int i = 1; i < got.size(); i++) {
            assertTrue(SortCondition.compareUtf8(got.get(i - 1), got.get(i)) < 0, "in order at " + i);
        }
        assertTrue(got.containsAll(stayed), "nothing that stayed was skipped");
    }

    @Test
    void anItemWrittenBehindTheLastItemReturned_isPassedOver_evenWhenTheShardThatReturnedItIsFinished() {
        // GIVEN three shards, and a first page of 4 that ends with shard 0's only item (shard 0 is then finished)
        Shards shards = new Shards(3, true);
        shards.shards.get(0).add("40");
        shards.shards.get(1).addAll(List.of("10", "20", "30", "45"));
        shards.shards.get(2).add("50");
        ScatterGather.Page<String> first = ScatterGather.page(ScatterGather.start(3), 4, true, shards);
        assertEquals(List.of("10", "20", "30", "40"), first.items());
        assertTrue(first.next().get(0).done(), "shard 0 is finished");
        assertEquals("30", first.next().get(1).sortValue(), "shard 1 stands after its last item returned");
        // WHEN an item is written behind the last item returned, into a shard whose position is further back
        shards.shards.get(1).add("35");
        ScatterGather.Page<String> second = ScatterGather.page(first.next(), 4, true, shards);
        // THEN the next page passes over it, as one Query past "40" would, and goes on in order
        assertEquals(List.of("45", "50"), second.items());
        assertNull(second.next());
    }

    @Test
    void amplification_atEightShardsAndPagesOf25_isUnderTwoItemsReadPerItemReturned() {
        long seed = 7L;
        System.out.println("ScatterGatherTest seed " + seed);
        Random random = new Random(seed);
        long read = 0;
        long returned = 0;
        for (int trial = 0; trial < 200; trial++) {
            Shards shards = new Shards(8, false);
            for (int i = 0; i < 2_000; i++) {
                shards.add(String.format("%07d", random.nextInt(10_000_000)), random);
            }
            ScatterGather.Page<String> p = ScatterGather.page(ScatterGather.start(8), 25, false, shards);
            assertEquals(shards.all().subList(0, 25), p.items());
            read += p.itemsRead();
            returned += p.items().size();
        }
        double amplification = (double) read / returned;
        System.out.println("items read per item returned: " + amplification);
        assertTrue(amplification <= 2.0, "amplification " + amplification);
    }

    @Test
    void aListThatIsAllRead_hasNoNextToken_andAnEmptyListIsOnePageOfNothing() {
        Shards shards = new Shards(4, true);
        ScatterGather.Page<String> empty = ScatterGather.page(ScatterGather.start(4), 5, true, shards);
        assertEquals(List.of(), empty.items());
        assertNull(empty.next());
        assertEquals(4, empty.requests());
        Random random = new Random(3);
        for (int i = 0; i < 5; i++) {
            shards.add("v" + i, random);
        }
        ScatterGather.Page<String> all = ScatterGather.page(ScatterGather.start(4), 10, true, shards);
        assertEquals(shards.all(), all.items());
        assertNull(all.next());
    }
}
