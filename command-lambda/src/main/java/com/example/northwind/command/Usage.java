package com.example.northwind.command;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.Capacity;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/**
 * What one command consumed: DynamoDB calls made and capacity units (ReturnConsumedCapacity INDEXES), in total and
 * per table/index, as DynamoDB reported them.
 */
final class Usage {
    private int requests;
    private double units;
    private final Map<String, Double> byTarget = new TreeMap<>();

    /** One call made; add what it reports (null when DynamoDB reported nothing). */
    void call(List<ConsumedCapacity> reported) {
        requests++;
        if (reported != null) {
            reported.forEach(this::add);
        }
    }

    void call(ConsumedCapacity reported) {
        call(reported == null ? null : List.of(reported));
    }

    private void add(ConsumedCapacity c) {
        if (c.capacityUnits() != null) {
            units += c.capacityUnits();
        }
        add("table", c.table());
        if (c.globalSecondaryIndexes() != null) {
            c.globalSecondaryIndexes().forEach((index, capacity) -> add(index, capacity));
        }
    }

    private void add(String target, Capacity capacity) {
        if (capacity != null && capacity.capacityUnits() != null) {
            byTarget.merge(target, capacity.capacityUnits(), Double::sum);
        }
    }

    int requests() {
        return requests;
    }

    double units() {
        return units;
    }

    /** Units per target ({@code table}, {@code gsi_1}, ...), for the answer's stats and the benchmark. */
    Map<String, Double> byTarget() {
        return byTarget;
    }
}
