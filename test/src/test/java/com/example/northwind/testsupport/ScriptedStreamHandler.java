package com.example.northwind.testsupport;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stream function for tests of the event source mapping: it records every invocation (the records' sequence numbers
 * and partition keys) and answers as its script says — done, a partial failure from a record ({@code batchItemFailures}
 * with that record's sequence number), or a thrown exception (a function error).
 */
public final class ScriptedStreamHandler implements RequestStreamHandler {
    /** One invocation as the handler saw it. */
    public record Invocation(int number, List<String> sequenceNumbers, List<String> partitionKeys, List<Map<String, Object>> records,
                             boolean threw, String reportedFailure, boolean invalidAnswer) {
        public int size() {
            return sequenceNumbers.size();
        }
    }

    /**
     * What to answer for a batch: null or empty (all done), the sequence numbers of records not done (Lambda retries
     * from the lowest), or throw.
     */
    @FunctionalInterface
    public interface Script {
        List<String> answer(int invocation, List<Map<String, Object>> records) throws Exception;
    }

    private final Script script;
    private final List<Invocation> invocations = new ArrayList<>();

    public ScriptedStreamHandler(Script script) {
        this.script = script;
    }

    /** Every batch done. */
    public static ScriptedStreamHandler succeeding() {
        return new ScriptedStreamHandler((n, records) -> null);
    }

    /** The partition key of a record of the event. */
    @SuppressWarnings("unchecked")
    public static String partitionKey(Map<String, Object> record) {
        return (String) ((Map<String, Object>) ((Map<String, Object>) dynamodb(record).get("Keys")).get("pk")).get("S");
    }

    /** The sequence number of a record of the event. */
    public static String sequenceNumber(Map<String, Object> record) {
        return (String) dynamodb(record).get("SequenceNumber");
    }

    @Override
    @SuppressWarnings("unchecked")
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> event = JSON.std.mapFrom(input);
        List<Map<String, Object>> records = (List<Map<String, Object>>) event.get("Records");
        List<String> sequenceNumbers = records.stream().map(r -> (String) dynamodb(r).get("SequenceNumber")).toList();
        List<String> keys = records.stream().map(r -> (String) ((Map<String, Object>) ((Map<String, Object>)
                dynamodb(r).get("Keys")).get("pk")).get("S")).toList();
        int number;
        synchronized (invocations) {
            number = invocations.size() + 1;
        }
        List<String> failures;
        try {
            failures = script.answer(number, records);
        } catch (Exception e) {
            add(new Invocation(number, sequenceNumbers, keys, records, true, null, false));
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        failures = failures == null ? List.of() : failures;
        String lowest = failures.stream().filter(sequenceNumbers::contains)
                .min(java.util.Comparator.comparing(java.math.BigInteger::new)).orElse(null);
        // An answer naming no record of the batch is no partial failure: Lambda fails the whole batch.
        add(new Invocation(number, sequenceNumbers, keys, records, false, lowest, !failures.isEmpty() && lowest == null));
        output.write(JSON.std.asBytes(Map.of("batchItemFailures",
                failures.stream().map(id -> Map.of("itemIdentifier", id)).toList())));
    }

    public List<Invocation> invocations() {
        synchronized (invocations) {
            return List.copyOf(invocations);
        }
    }

    /** Sequence numbers done by the function, in the order it did them (a redelivered record appears again). */
    public List<String> done() {
        List<String> out = new ArrayList<>();
        for (Invocation i : invocations()) {
            if (i.threw() || i.invalidAnswer()) {
                continue;
            }
            for (String s : i.sequenceNumbers()) {
                if (s.equals(i.reportedFailure())) {
                    break;
                }
                out.add(s);
            }
        }
        return out;
    }

    /** Partition keys done, in order. */
    public List<String> donePartitionKeys() {
        List<String> out = new ArrayList<>();
        for (Invocation i : invocations()) {
            if (i.threw() || i.invalidAnswer()) {
                continue;
            }
            for (int k = 0; k < i.size(); k++) {
                if (i.sequenceNumbers().get(k).equals(i.reportedFailure())) {
                    break;
                }
                out.add(i.partitionKeys().get(k));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dynamodb(Map<String, Object> record) {
        return (Map<String, Object>) record.get("dynamodb");
    }

    private void add(Invocation invocation) {
        synchronized (invocations) {
            invocations.add(invocation);
        }
    }
}
