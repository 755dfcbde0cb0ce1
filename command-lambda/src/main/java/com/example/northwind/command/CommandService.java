package com.example.northwind.command;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs a validated command: replays a remembered idempotency key, otherwise lets the command read and plan its
 * writes, adds the idempotency record, and sends the one transaction. When a condition on what it read fails
 * (a concurrent writer got there first) the command runs again from fresh reads, up to {@link #MAX_ATTEMPTS}.
 */
final class CommandService {
    /** Enough for 20 writers contending on one item (the concurrency tests) with backoff; then a Conflict. */
    static final int MAX_ATTEMPTS = 40;

    private static final Map<String, Command> COMMANDS = Map.of(
            "placeOrder", new PlaceOrder(),
            "shipOrder", new ShipOrder(),
            "cancelOrder", new CancelOrder(),
            "updateCustomer", new UpdateCustomer(),
            "updateProduct", new UpdateProduct(),
            "updateEmployee", new UpdateEmployee(),
            "assignTerritory", new TerritoryAssignment(true),
            "unassignTerritory", new TerritoryAssignment(false));

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Clock clock;
    private final Idempotency idempotency;
    /** This execution environment's leased order ids (one per handler instance, like the client). */
    private final OrderIdBlocks orderIds;

    CommandService(DynamoDbClient dynamo, String tableName, Clock clock) {
        this(dynamo, tableName, clock, new OrderIdBlocks());
    }

    CommandService(DynamoDbClient dynamo, String tableName, Clock clock, OrderIdBlocks orderIds) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.clock = clock;
        this.idempotency = new Idempotency(clock);
        this.orderIds = orderIds;
    }

    OrderIdBlocks orderIds() {
        return orderIds;
    }

    /** The outcome of one command: its result, what it cost, and whether it was a replay. */
    record Outcome(String command, Map<String, Object> result, Usage usage, int attempts, boolean replayed) {
        Map<String, Object> toJson() {
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("requests", usage.requests());
            stats.put("consumedCapacity", usage.units());
            stats.put("consumedCapacityByTarget", usage.byTarget());
            stats.put("attempts", attempts);
            if (replayed) {
                stats.put("replayed", true);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("command", command);
            out.put("result", result);
            out.put("stats", stats);
            return out;
        }
    }

    Outcome run(CommandRequest request) {
        Store store = new Store(dynamo, tableName);
        if (request.idempotencyKey() != null) {
            Optional<Map<String, Object>> first = idempotency.replay(request, store);
            if (first.isPresent()) {
                return new Outcome(request.name(), first.get(), store.usage(), 0, true);
            }
        }
        Command command = COMMANDS.get(request.name());
        CommandContext context = new CommandContext(store, clock, orderIds);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Transaction tx = new Transaction(tableName);
            Map<String, Object> result = command.prepare(request, context, tx);
            if (request.idempotencyKey() != null) {
                idempotency.remember(request, result, tx);
            }
            try {
                store.write(tx);
                return new Outcome(request.name(), result, store.usage(), attempt, false);
            } catch (Store.Stale e) {
                Backoff.sleep(attempt);
            } catch (Store.Replay e) {
                // A concurrent request with the same key committed first: answer as its repeat would be.
                Optional<Map<String, Object>> first = idempotency.replay(request, store);
                if (first.isPresent()) {
                    return new Outcome(request.name(), first.get(), store.usage(), attempt, true);
                }
            }
        }
        throw CommandError.conflict("the data this " + request.name() + " reads kept changing under concurrent writes ("
                + MAX_ATTEMPTS + " attempts); nothing was written, try again");
    }
}
