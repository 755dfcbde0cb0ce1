package com.example.northwind.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/** Walks a pattern's pages through the handler, checking each page's envelope and stats on the way. */
final class Pages {
    private Pages() {
    }

    /** Every item of every page, in answer order, in canonical form (see ExpectedAnswers.canonical). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> walk(SeededQueryTable table, QueryCase c, Integer limit) {
        List<Map<String, Object>> items = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            table.requests.take(); // start a fresh recording for this page
            Map<String, Object> answer = table.invoke(SeededQueryTable.request(c.pattern(), c.params(), limit, token));
            List<SdkRequest> sent = table.requests.take();
            int shards = assertKeyedRequests(c, sent);
            assertNull(answer.get("error"), () -> c + " was rejected: " + answer);
            assertEquals(c.pattern(), answer.get("pattern"));
            assertTrue(answer.containsKey("nextToken"), "nextToken is always present (null on the last page)");
            List<Object> page = (List<Object>) answer.get("items");
            Map<String, Object> stats = (Map<String, Object>) answer.get("stats");
            // The answer reports the requests really sent, and no filtering: DynamoDB's scannedCount (reported by
            // Query only) equals the count.
            assertEquals(sent.size(), ((Number) stats.get("requests")).intValue(), c + ": requests reported vs sent");
            assertEquals(page.size(), ((Number) stats.get("count")).intValue(), c + ": count");
            if (sent.get(0) instanceof GetItemRequest
                    || sent.get(0) instanceof software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest) {
                assertFalse(stats.containsKey("scannedCount"), c + ": GetItem and BatchGetItem report no scannedCount");
            } else if (shards == 1) {
                assertEquals(stats.get("count"), stats.get("scannedCount"), c + ": scannedCount == count");
            } else {
                // A scatter-gather reads more than it returns (its shards' limits), never more than it asked for.
                int scanned = ((Number) stats.get("scannedCount")).intValue();
                int asked = sent.stream().mapToInt(r -> ((software.amazon.awssdk.services.dynamodb.model.QueryRequest) r).limit()).sum();
                assertTrue(scanned >= page.size() && scanned <= asked, c + ": scannedCount " + scanned + " of " + asked + " asked");
            }
            assertInstanceOf(Number.class, stats.get("consumedCapacity"));
            if (limit != null) {
                assertTrue(page.size() <= limit, c + ": page larger than limit " + limit);
            }
            for (Object item : page) {
                Map<String, Object> map = (Map<String, Object>) item;
                for (String internal : List.of("pk", "sk", "data")) {
                    assertFalse(map.containsKey(internal), c + ": answer item exposes " + internal + ": " + map);
                }
                items.add(ExpectedAnswers.canonical(item));
            }
            token = (String) answer.get("nextToken");
            pages++;
            assertTrue(pages <= 2000, c + ": runaway pagination");
        } while (token != null);
        return items;
    }

    /**
     * What the client really sent for one page: exactly one Query or GetItem — or one BatchGetItem of a product and its
     * stock shards, or, for a sharded list, at most two Queries per shard, each on one of its shards — never a Scan,
     * never a filter. Returns the list's shard count.
     */
    static int assertKeyedRequests(QueryCase c, List<SdkRequest> sent) {
        Map<String, String> params = new java.util.TreeMap<>();
        if (c.params() != null) {
            c.params().forEach((k, v) -> params.put(k, String.valueOf(v)));
        }
        com.example.northwind.model.Read plan = com.example.northwind.model.AccessPatterns.byName(c.pattern()).orElseThrow().read(params);
        List<String> shardPartitions = plan instanceof com.example.northwind.model.Read.Sharded sharded
                ? sharded.shards().stream().map(com.example.northwind.model.Read.Query::partition).toList() : List.of();
        int shards = Math.max(1, shardPartitions.size());
        if (shards == 1) {
            assertEquals(1, sent.size(), () -> c + ": DynamoDB requests for one page: " + sent);
        } else {
            assertTrue(!sent.isEmpty() && sent.size() <= 2 * shards, () -> c + ": " + sent.size() + " requests for one page of "
                    + shards + " shards: " + sent);
        }
        for (SdkRequest request : sent) {
            // Fully qualified: the handler has its own QueryRequest in this package.
            if (request instanceof software.amazon.awssdk.services.dynamodb.model.QueryRequest query) {
                assertNull(query.filterExpression(), c + ": Query with a FilterExpression");
                assertFalse(query.hasQueryFilter(), c + ": Query with a legacy QueryFilter");
                assertNotNull(query.keyConditionExpression(), c + ": Query without a key condition");
                if (shards > 1) {
                    assertTrue(shardPartitions.contains(query.expressionAttributeValues().get(":p").s()),
                            c + ": a Query outside the list's shards: " + query);
                }
            } else if (request instanceof software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest batch) {
                // product: its entity and its 8 stock shards — the keys the plan names, nothing else, read consistently
                assertTrue(plan instanceof com.example.northwind.model.Read.Get get && get.withStock(),
                        c + ": a BatchGetItem for a pattern that is not an item with its stock");
                com.example.northwind.model.Read.Get get = (com.example.northwind.model.Read.Get) plan;
                List<String> expected = new java.util.ArrayList<>(List.of(get.partition()));
                expected.addAll(get.stockShards());
                assertEquals(expected, batch.requestItems().values().iterator().next().keys().stream()
                        .map(k -> k.get("pk").s()).toList(), c + ": the keys of the BatchGetItem");
                assertEquals(Boolean.TRUE, batch.requestItems().values().iterator().next().consistentRead(), c.toString());
            } else {
                assertEquals(1, shards, c + ": a sharded list is read by Queries only");
                assertInstanceOf(GetItemRequest.class, request, c + ": neither a Query, a GetItem nor a BatchGetItem");
            }
        }
        return shards;
    }

    /** Compares in order when the pattern fixes one, else as multisets. */
    static void assertSameAnswer(QueryCase c, List<Map<String, Object>> actual, String context) {
        if (c.ordered()) {
            assertEquals(c.expected(), actual, c + " " + context);
        } else {
            assertEquals(ExpectedAnswers.sorted(c.expected()), ExpectedAnswers.sorted(actual), c + " " + context);
        }
    }
}
