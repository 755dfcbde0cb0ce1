package com.example.northwind.query;

import com.example.northwind.model.SortCondition;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The model's sort condition as a KeyConditionExpression fragment on {@code #s}, in the form the model says to send. */
final class SortExpression {
    private SortExpression() {
    }

    /** {@code " AND #s BETWEEN :s1 AND :s2"}, adding the values; empty for a condition on the partition only. */
    static String of(SortCondition condition, Map<String, AttributeValue> values) {
        SortCondition sent = condition.asSent();
        switch (sent.kind()) {
            case ANY:
                return "";
            case EQUALS:
                values.put(":s1", AttributeValue.fromS(sent.low()));
                return " AND #s = :s1";
            case BEGINS_WITH:
                values.put(":s1", AttributeValue.fromS(sent.low()));
                return " AND begins_with(#s, :s1)";
            case AT_LEAST:
                values.put(":s1", AttributeValue.fromS(sent.low()));
                return " AND #s >= :s1";
            case BELOW:
                values.put(":s2", AttributeValue.fromS(sent.high()));
                return " AND #s < :s2";
            case AT_MOST:
                values.put(":s2", AttributeValue.fromS(sent.high()));
                return " AND #s <= :s2";
            case BETWEEN:
                values.put(":s1", AttributeValue.fromS(sent.low()));
                values.put(":s2", AttributeValue.fromS(sent.high()));
                return " AND #s BETWEEN :s1 AND :s2";
            default:
                throw new IllegalStateException("unhandled " + sent.kind());
        }
    }
}
