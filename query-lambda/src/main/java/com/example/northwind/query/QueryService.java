package com.example.northwind.query;

import com.example.northwind.lambda.AnswerItems;
import com.example.northwind.lambda.TaskContext;
import com.example.northwind.model.Read;
import com.example.northwind.model.BatchGet;
import com.example.northwind.model.ItemCodec;
import com.example.northwind.model.ItemModel;
import com.example.northwind.model.ScatterGather;
import com.example.northwind.model.Stock;
import com.example.northwind.model.SortCondition;
import com.example.northwind.schema.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Runs one page of a validated request: one GetItem or one Query, never a Scan or a filter — or, for a sharded list,
 * a scatter-gather of Queries on its shards issued together ({@link ScatterGather}: at most two rounds, one request
 * per shard each).
 */
final class QueryService {
    /** Threads for a sharded page's concurrent shard queries: enough for the widest list's round at once. */
    private static final int SHARD_THREADS = 16;
    /**
     * One pool per JVM (a Lambda environment runs one handler; a local stack or a test JVM many): daemon threads, so it
     * never keeps a JVM alive, and idle ones end after a minute.
     */
    private static final ExecutorService SHARD_READS = shardReadPool();

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final PageToken tokens;

    private static ExecutorService shardReadPool() {
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(SHARD_THREADS, SHARD_THREADS,
                60, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "shard-read");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    QueryService(DynamoDbClient dynamo, String tableName, PageToken tokens) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.tokens = tokens;
    }

    /** The answer; DynamoDB failures propagate (the Lambda reports them as function errors). */
    Answer run(QueryRequest request) {
        Read plan = request.pattern().plan(request.params());
        KeyLimits.check(request, plan); // an over-long key value would be rejected by DynamoDB as a function error
        if (plan instanceof Read.Get get) {
            return get(request, get);
        }
        if (plan instanceof Read.Sharded sharded) {
            return sharded(request, sharded);
        }
        return query(request, (Read.Query) plan);
    }

    private Answer get(QueryRequest request, Read.Get plan) {
        if (request.nextToken() != null) {
            throw new ValidationException(PageToken.INVALID); // a single-item pattern never hands out a token
        }
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(TableSchema.PK, AttributeValue.fromS(plan.partition()));
        key.put(TableSchema.SK, AttributeValue.fromS(plan.sort()));
        if (plan.withStock()) {
            return withStock(request, plan, key);
        }
        GetItemResponse response = dynamo.getItem(b -> b.tableName(tableName).key(key)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        List<Map<String, Object>> items = new ArrayList<>(1);
        if (response.hasItem() && !response.item().isEmpty()) {
            items.add(AnswerItems.toJson(request.pattern().view(), response.item()));
        }
        // GetItem reports no scannedCount, so the answer has none either (null = not reported).
        return new Answer(request.pattern(), items, null, 1, items.size(), null, units(response.consumedCapacity()));
    }

    /**
     * A product with its exact stock: the entity and every stock shard in one strongly consistent BatchGetItem (another
     * only for keys DynamoDB leaves unprocessed); {@code unitsInStock} is the shards' sum ({@link Stock#level}).
     */
    private Answer withStock(QueryRequest request, Read.Get plan, Map<String, AttributeValue> key) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        keys.add(key);
        plan.stockShards().forEach(shard -> keys.add(ItemCodec.key(shard, ItemModel.STOCK_SORT_KEY)));
        int[] requests = {0};
        double[] units = {0};
        Map<String, Map<String, AttributeValue>> found = BatchGet.consistent(dynamo, tableName, keys, response -> {
            requests[0]++;
            if (response.hasConsumedCapacity()) {
                response.consumedCapacity().forEach(c -> units[0] += units(c));
            }
        });
        List<Map<String, Object>> items = new ArrayList<>(1);
        Map<String, AttributeValue> entity = found.get(BatchGet.keyOf(key));
        if (entity != null) {
            Map<String, AttributeValue> exact = new HashMap<>(entity);
            exact.put("unitsInStock", AttributeValue.fromN(Long.toString(Stock.level(entity.get("productID").n(), found).total())));
            items.add(AnswerItems.toJson(request.pattern().view(), exact));
        }
        return new Answer(request.pattern(), items, null, requests[0], items.size(), null, units[0]);
    }

    private Answer query(QueryRequest request, Read.Query plan) {
        // Validate the token before any call: a forged start key must never reach DynamoDB.
        Map<String, AttributeValue> start = request.nextToken() == null ? null : tokens.decode(request, plan);
        QueryResponse response = send(plan, plan.sort(), start, request.limit());
        List<Map<String, Object>> items = new ArrayList<>(response.items().size());
        response.items().forEach(item -> items.add(AnswerItems.toJson(request.pattern().view(), item)));
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? tokens.encode(request, response.lastEvaluatedKey())
                : null;
        return new Answer(request.pattern(), items, next, 1, response.count(), response.scannedCount(),
                units(response.consumedCapacity()));
    }

    private Answer sharded(QueryRequest request, Read.Sharded plan) {
        // Validate the token before any call, as for one Query: every shard's position is checked against its query.
        List<ScatterGather.Position> from = request.nextToken() == null
                ? ScatterGather.start(plan.shards().size()) : tokens.decodeShards(request, plan);
        ScatterGather.Page<Map<String, AttributeValue>> page = ScatterGather.page(from, request.limit(), plan.forward(),
                round -> readRound(plan, round));
        List<Map<String, Object>> items = new ArrayList<>(page.items().size());
        page.items().forEach(item -> items.add(AnswerItems.toJson(request.pattern().view(), item)));
        String next = page.next() == null ? null : tokens.encodeShards(request, page.next());
        return new Answer(request.pattern(), items, next, page.requests(), items.size(), page.scanned(), page.units());
    }

    /** One round of shard queries, all in flight together; answers in the order asked. */
    private List<ScatterGather.Fetched<Map<String, AttributeValue>>> readRound(Read.Sharded plan,
                                                                             List<ScatterGather.Request> round) {
        List<Future<ScatterGather.Fetched<Map<String, AttributeValue>>>> pending = new ArrayList<>(round.size());
        for (ScatterGather.Request shardRead : round) {
            pending.add(SHARD_READS.submit(TaskContext.bind(() -> readShard(plan, shardRead))));
        }
        List<ScatterGather.Fetched<Map<String, AttributeValue>>> answers = new ArrayList<>(round.size());
        try {
            for (Future<ScatterGather.Fetched<Map<String, AttributeValue>>> answer : pending) {
                answers.add(answer.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.forEach(f -> f.cancel(true));
            throw new IllegalStateException("interrupted while reading shards", e);
        } catch (ExecutionException e) {
            pending.forEach(f -> f.cancel(true));
            // DynamoDB's own failure, as one Query's would be: the Lambda reports it as a function error.
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        return answers;
    }

    private ScatterGather.Fetched<Map<String, AttributeValue>> readShard(Read.Sharded plan, ScatterGather.Request shardRead) {
        Read.Query shard = plan.shards().get(shardRead.shard());
        SortCondition sort = shardRead.bound() == null ? shard.sort() : shard.sort().boundedBy(shardRead.bound(), shard.forward());
        Map<String, AttributeValue> start = null;
        if (shardRead.after() != null) {
            start = new HashMap<>();
            for (Map.Entry<String, String> key : shardRead.after().entrySet()) {
                start.put(key.getKey(), AttributeValue.fromS(key.getValue()));
            }
        }
        QueryResponse response = send(shard, sort, start, shardRead.limit());
        Set<String> keyNames = shard.startKeyAttributes();
        List<ScatterGather.Row<Map<String, AttributeValue>>> rows = new ArrayList<>(response.items().size());
        for (Map<String, AttributeValue> item : response.items()) {
            Map<String, String> key = new LinkedHashMap<>();
            keyNames.forEach(name -> key.put(name, item.get(name).s()));
            rows.add(new ScatterGather.Row<>(item, key, item.get(shard.sortAttribute()).s()));
        }
        boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        return new ScatterGather.Fetched<>(rows, more, response.scannedCount(), units(response.consumedCapacity()));
    }

    /** One Query: the read's partition, this sort condition, from {@code start} (null: the beginning), at most {@code limit}. */
    private QueryResponse send(Read.Query read, SortCondition sort, Map<String, AttributeValue> start, int limit) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":p", AttributeValue.fromS(read.partition()));
        String condition = "#p = :p" + SortExpression.of(sort, values);
        Map<String, String> names = new HashMap<>();
        names.put("#p", read.partitionAttribute());
        if (condition.contains("#s")) {
            names.put("#s", read.sortAttribute());
        }
        return dynamo.query(b -> b.tableName(tableName)
                .indexName(read.indexName())
                .keyConditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .scanIndexForward(read.forward())
                .limit(limit)
                .exclusiveStartKey(start)
                .select(Select.ALL_ATTRIBUTES)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    }

    private static double units(ConsumedCapacity capacity) {
        return capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
    }

    /**
     * One page of answer, plus what the log line needs. {@code requests} is the number of DynamoDB calls this page
     * made (counted where they are made; the tests compare it with the calls recorded on the wire), and
     * {@code scannedCount} is DynamoDB's own figure, null where the call reports none (GetItem).
     */
    record Answer(AccessPattern pattern, List<Map<String, Object>> items, String nextToken, int requests, int count,
                  Integer scannedCount, double consumedCapacity) {
        Map<String, Object> toJson() {
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("requests", requests);
            stats.put("count", count);
            if (scannedCount != null) {
                stats.put("scannedCount", scannedCount);
            }
            stats.put("consumedCapacity", consumedCapacity);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("pattern", pattern.patternName());
            out.put("items", items);
            out.put("nextToken", nextToken);
            out.put("stats", stats);
            return out;
        }
    }
}
