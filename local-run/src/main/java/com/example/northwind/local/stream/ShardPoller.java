package com.example.northwind.local.stream;

import com.example.northwind.lambda.StreamRecords;
import com.example.northwind.model.EventFilter;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

/**
 * One shard, read and delivered in order as Lambda's poller for a shard does (parallelization factor 1: one batch at a
 * time). It polls with GetRecords (at once while records come, else every {@code pollInterval}: Lambda polls a shard
 * four times a second), applies the filter criteria (a record no pattern matches is done without an invocation), and
 * invokes the function with a batch when it holds BatchSize matching records, when the batching window since the first
 * of them has passed, when the payload would exceed Lambda's 6 MB, or when the shard is closed and read.
 *
 * <p>Then, as Lambda: a function error (an exception, a timeout, an unreadable partial-batch answer) retries the batch —
 * bisected in halves first when BisectBatchOnFunctionError is on (a split is not a retry) — until MaximumRetryAttempts;
 * a partial batch answer ({@code batchItemFailures}, with ReportBatchItemFailures) makes the records before the lowest
 * reported sequence number done and retries from that one (a retry); records older than MaximumRecordAgeInSeconds are
 * not delivered. A batch given up goes to the failure destination as an invocation record, and the shard moves on. After
 * each batch done the checkpoint is the batch's last sequence number.
 */
final class ShardPoller implements Runnable {
    /** Lambda's synchronous invocation payload limit. */
    static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
    /** GetRecords' maximum per call. */
    static final int GET_RECORDS_LIMIT = 1_000;
    /** DynamoDB Local rounds ApproximateCreationDateTime down to the minute (DynamoDB: to the second). */
    private static final Duration CREATION_TIME_PRECISION = Duration.ofMinutes(1);

    /** What the mapping tells its shards. */
    interface Events {
        /** The shard is closed and every record of it done: its children may be read. */
        void finished(String shardId);
    }

    /** The shard's state for the mapping's lag report and drain check. */
    record Status(String shardId, int behind, Instant oldestArrival, long atTipSince, boolean finished, String error,
                  long invocations, long delivered, long failedBatches) {
    }

    /** A fetched record: its JSON (as sent), whether a pattern matches it, when it arrived. */
    private record Pending(String sequenceNumber, byte[] json, boolean passes, Instant approximateCreation, Instant arrival) {
    }

    /** A batch being delivered (and retried, split, shortened) until done or given up. */
    private static final class Batch {
        final List<Pending> records;
        int retries;
        int invocations;
        FunctionInvoker.Outcome lastOutcome;
        boolean lastWasPartial;

        Batch(List<Pending> records, int retries) {
            this.records = new ArrayList<>(records);
            this.retries = retries;
        }

        List<Pending> passing() {
            return records.stream().filter(Pending::passes).toList();
        }
    }

    private final String shardId;
    private final StreamSource source;
    private final MappingSettings settings;
    private final EventFilter filter;
    private final FunctionInvoker invoker;
    private final Checkpoints checkpoints;
    private final FailureDestination failures;
    private final String functionArn;
    private final Clock clock;
    private final LocalEventSourceMapping.Timing timing;
    private final Consumer<String> log;
    private final Events events;
    private final ShardIteratorType startType;
    private final String startSequenceNumber;

    private final Deque<Pending> pending = new ArrayDeque<>();
    private final Deque<Batch> batches = new ArrayDeque<>();
    private String iterator;
    private boolean closed;
    private String lastFetched;
    private long nextFetchAt;
    private long firstPassingFetchedAt = -1;
    private long atTipSince = -1;
    private long invocations;
    private long delivered;
    private long failedBatches;
    private volatile boolean stopped;
    private volatile Status status;

    ShardPoller(String shardId, ShardIteratorType startType, String startSequenceNumber, MappingContext context,
                Events events) {
        this.shardId = shardId;
        this.startType = startType;
        this.startSequenceNumber = startSequenceNumber;
        this.source = context.source();
        this.settings = context.settings();
        this.filter = context.filter();
        this.invoker = context.invoker();
        this.checkpoints = context.checkpoints();
        this.failures = context.failures();
        this.functionArn = context.functionArn();
        this.clock = context.clock();
        this.timing = context.timing();
        this.log = context.log();
        this.events = events;
        this.status = new Status(shardId, 0, null, -1, false, null, 0, 0, 0);
    }

    Status status() {
        return status;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        try {
            iterator = startIterator();
            while (!stopped) {
                if (!batches.isEmpty()) {
                    deliver(batches.peekFirst());
                } else {
                    dropLeadingFiltered();
                    if (batchReady()) {
                        batches.addLast(takeBatch());
                    } else if (closed && pending.isEmpty()) {
                        checkpoints.finish(source.streamArn(), shardId);
                        publish(true, null);
                        events.finished(shardId);
                        return;
                    } else if (System.nanoTime() >= nextFetchAt) {
                        fetch();
                    } else {
                        sleepUntil(firstPassingFetchedAt < 0 ? nextFetchAt
                                : Math.min(nextFetchAt, firstPassingFetchedAt + settings.maxBatchingWindow().toNanos()));
                    }
                }
                publish(false, null);
            }
        } catch (InterruptedException | CancellationException e) {
            Thread.currentThread().interrupt();
        } catch (ResourceNotFoundException e) {
            publish(false, "the stream is gone: " + e.getMessage());
            log.accept("stream consumer: shard " + shardId + " stopped, the stream is gone (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            if (stopped) {
                return; // stopping: a batch whose checkpoint was not written is delivered again by the next run
            }
            publish(false, e.toString());
            log.accept("stream consumer: shard " + shardId + " stopped on an unexpected error: " + e);
        }
    }

    private String startIterator() {
        if (startType == ShardIteratorType.AFTER_SEQUENCE_NUMBER) {
            try {
                return source.iterator(shardId, startType, startSequenceNumber);
            } catch (TrimmedDataAccessException e) {
                // The stream keeps 24 hours: what followed the checkpoint and is older is gone, as it would be on AWS.
                log.accept("stream consumer: the records after checkpoint " + startSequenceNumber + " of shard " + shardId
                        + " are trimmed from the stream (older than its retention); reading from its oldest record");
                return source.iterator(shardId, ShardIteratorType.TRIM_HORIZON, null);
            }
        }
        return source.iterator(shardId, startType, null);
    }

    /** One GetRecords: the records appended to what is pending, the next poll scheduled. */
    private void fetch() throws InterruptedException {
        long startedAt = System.nanoTime();
        StreamSource.Page page;
        try {
            page = source.records(iterator, GET_RECORDS_LIMIT);
        } catch (ExpiredIteratorException e) {
            // Iterators expire after 15 minutes (a long retry loop): continue right after the last record fetched.
            iterator = lastFetched == null ? startIterator()
                    : source.iterator(shardId, ShardIteratorType.AFTER_SEQUENCE_NUMBER, lastFetched);
            return;
        } catch (ResourceNotFoundException e) {
            throw e;
        } catch (SdkException e) {
            log.accept("stream consumer: GetRecords on shard " + shardId + " failed (" + e.getMessage() + "); retrying");
            nextFetchAt = startedAt + Duration.ofSeconds(1).toNanos();
            return;
        }
        Instant now = clock.instant();
        for (Record record : page.records()) {
            Map<String, Object> json = StreamRecords.lambdaRecord(record, source.streamArn());
            Instant created = record.dynamodb().approximateCreationDateTime();
            Instant arrival = created == null || now.isBefore(created.plus(CREATION_TIME_PRECISION)) ? now
                    : created.plus(CREATION_TIME_PRECISION);
            boolean passes = filter.matches(json);
            pending.addLast(new Pending(record.dynamodb().sequenceNumber(), bytes(json), passes, created, arrival));
            if (passes && firstPassingFetchedAt < 0) {
                firstPassingFetchedAt = startedAt;
            }
            lastFetched = record.dynamodb().sequenceNumber();
        }
        iterator = page.nextIterator();
        closed = iterator == null;
        nextFetchAt = page.records().isEmpty() ? startedAt + timing.pollInterval().toNanos() : startedAt;
        if (page.records().isEmpty() && pending.isEmpty() && batches.isEmpty()) {
            atTipSince = startedAt;
        } else if (!page.records().isEmpty()) {
            atTipSince = -1;
        }
    }

    /** Records no pattern matches at the head are done as they are: the checkpoint moves past them. */
    private void dropLeadingFiltered() {
        String done = null;
        while (!pending.isEmpty() && !pending.peekFirst().passes()) {
            done = pending.pollFirst().sequenceNumber();
        }
        if (done != null) {
            checkpoints.advance(source.streamArn(), shardId, done);
        }
    }

    private boolean batchReady() {
        if (firstPassingFetchedAt < 0) {
            return false;
        }
        long passing = 0;
        long bytes = 0;
        for (Pending p : pending) {
            if (p.passes()) {
                passing++;
                bytes += p.json().length + 1;
            }
        }
        return passing >= settings.batchSize() || bytes >= MAX_PAYLOAD_BYTES || closed
                || System.nanoTime() - firstPassingFetchedAt >= settings.maxBatchingWindow().toNanos();
    }

    /** The next batch from the head: up to BatchSize matching records within 6 MB (and the filtered ones between). */
    private Batch takeBatch() {
        List<Pending> records = new ArrayList<>();
        int passing = 0;
        long bytes = 32;
        while (!pending.isEmpty() && passing < settings.batchSize()) {
            Pending next = pending.peekFirst();
            if (next.passes()) {
                if (passing > 0 && bytes + next.json().length + 1 > MAX_PAYLOAD_BYTES) {
                    break;
                }
                passing++;
                bytes += next.json().length + 1;
            }
            records.add(pending.pollFirst());
        }
        firstPassingFetchedAt = pending.stream().anyMatch(Pending::passes) ? System.nanoTime() : -1;
        return new Batch(records, 0);
    }

    private void deliver(Batch batch) throws InterruptedException {
        if (expireOldRecords(batch)) {
            return;
        }
        List<Pending> passing = batch.passing();
        FunctionInvoker.Outcome outcome = invoker.invoke(event(passing));
        if (outcome.throttled()) {
            // No environment free: Lambda retries a throttled invocation without counting it.
            sleepUntil(System.nanoTime() + timing.retryBackoff().toNanos());
            return;
        }
        batch.invocations++;
        invocations++;
        batch.lastOutcome = outcome;
        batch.lastWasPartial = false;
        String firstFailed = null;
        boolean failed = outcome.functionError();
        if (!failed && settings.reportBatchItemFailures()) {
            try {
                firstFailed = firstReportedFailure(outcome.body(), passing);
            } catch (IllegalArgumentException e) {
                log.accept("stream consumer: the function's answer for shard " + shardId + " is not a valid partial "
                        + "batch response (" + e.getMessage() + "): the whole batch failed");
                failed = true;
            }
        }
        if (failed) {
            if (settings.bisectOnError() && passing.size() > 1) {
                // Split in two halves of the matching records; both keep the batch's retry count (a split is no retry).
                Pending lastOfFirstHalf = passing.get(passing.size() / 2 - 1);
                int cut = batch.records.indexOf(lastOfFirstHalf) + 1;
                batches.pollFirst();
                batches.addFirst(new Batch(batch.records.subList(cut, batch.records.size()), batch.retries));
                batches.addFirst(new Batch(batch.records.subList(0, cut), batch.retries));
                return;
            }
            retryOrGiveUp(batch);
        } else if (firstFailed != null) {
            // Done up to the record before the lowest reported one; the rest is retried from it.
            int from = indexOf(batch.records, firstFailed);
            if (from > 0) {
                complete(batch.records.subList(0, from));
                batch.records.subList(0, from).clear();
            }
            batch.lastWasPartial = true;
            retryOrGiveUp(batch);
        } else {
            batches.pollFirst();
            complete(batch.records);
        }
    }

    private void retryOrGiveUp(Batch batch) throws InterruptedException {
        batch.retries++;
        if (settings.maxRetryAttempts() >= 0 && batch.retries > settings.maxRetryAttempts()) {
            giveUp(batch, batch.records, "RetryAttemptsExhausted");
            batches.pollFirst();
            complete(batch.records);
            return;
        }
        long backoff = timing.retryBackoff().toNanos() << Math.min(batch.retries - 1, 6);
        sleepUntil(System.nanoTime() + Math.min(backoff, Duration.ofSeconds(5).toNanos()));
    }

    /**
     * Records of the batch older than MaximumRecordAgeInSeconds, from its head, go to the failure destination
     * undelivered. @return true when nothing of the batch is left to deliver
     */
    private boolean expireOldRecords(Batch batch) {
        if (settings.maxRecordAge() == null) {
            return false;
        }
        Instant oldest = clock.instant().minus(settings.maxRecordAge());
        int expired = 0;
        for (Pending p : batch.records) {
            if (p.passes() && !p.arrival().isBefore(oldest)) {
                break;
            }
            expired++;
        }
        if (expired == 0) {
            return false;
        }
        List<Pending> old = new ArrayList<>(batch.records.subList(0, expired));
        if (old.stream().anyMatch(Pending::passes)) {
            giveUp(batch, old, "RecordAgeExceeded");
        }
        complete(old);
        batch.records.subList(0, expired).clear();
        if (batch.passing().isEmpty()) {
            batches.pollFirst();
            complete(batch.records);
            return true;
        }
        return false;
    }

    /** Everything up to the last of {@code records} is done (delivered, filtered out or given up). */
    private void complete(List<Pending> records) {
        if (records.isEmpty()) {
            return;
        }
        delivered += records.stream().filter(Pending::passes).count();
        checkpoints.advance(source.streamArn(), shardId, records.get(records.size() - 1).sequenceNumber());
    }

    /** The invocation record Lambda sends an on-failure destination, for the matching records of {@code records}. */
    private void giveUp(Batch batch, List<Pending> records, String condition) {
        List<Pending> passing = records.stream().filter(Pending::passes).toList();
        Instant now = clock.instant();
        Map<String, Object> requestContext = new LinkedHashMap<>();
        requestContext.put("requestId", batch.lastOutcome != null ? batch.lastOutcome.requestId() : UUID.randomUUID().toString());
        requestContext.put("functionArn", functionArn);
        requestContext.put("condition", condition);
        requestContext.put("approximateInvokeCount", batch.invocations);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("shardId", shardId);
        info.put("startSequenceNumber", passing.get(0).sequenceNumber());
        info.put("endSequenceNumber", passing.get(passing.size() - 1).sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", seconds(passing.get(0).approximateCreation()));
        info.put("approximateArrivalOfLastRecord", seconds(passing.get(passing.size() - 1).approximateCreation()));
        info.put("batchSize", passing.size());
        info.put("streamArn", source.streamArn());
        Map<String, Object> invocationRecord = new LinkedHashMap<>();
        invocationRecord.put("requestContext", requestContext);
        if (batch.lastOutcome != null) {
            // Only after an invocation; a valid partial batch answer is no function error.
            Map<String, Object> responseContext = new LinkedHashMap<>();
            responseContext.put("statusCode", 200);
            responseContext.put("executedVersion", batch.lastOutcome.executedVersion());
            if (!batch.lastWasPartial) {
                responseContext.put("functionError", "Unhandled");
            }
            invocationRecord.put("responseContext", responseContext);
        }
        invocationRecord.put("version", "1.0");
        invocationRecord.put("timestamp", now.truncatedTo(ChronoUnit.MILLIS).toString());
        invocationRecord.put("DDBStreamBatchInfo", info);
        String name = now.toString().replace(":", "").replace("-", "") + "-" + shardId + "-" + passing.get(0).sequenceNumber();
        String where = failures.send(invocationRecord, name);
        failedBatches++;
        log.accept("stream consumer: gave up on " + passing.size() + " record(s) of shard " + shardId + " ("
                + condition + ", " + batch.invocations + " invocation(s), sequence numbers "
                + passing.get(0).sequenceNumber() + "–" + passing.get(passing.size() - 1).sequenceNumber() + ") → " + where);
    }

    /**
     * The lowest sequence number the answer reports, or null when it reports none (the batch is done).
     *
     * @throws IllegalArgumentException when the answer is not a partial batch response about this batch
     */
    private static String firstReportedFailure(byte[] body, List<Pending> passing) {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (text.isEmpty() || text.equals("null")) {
            return null;
        }
        Object answer;
        try {
            answer = JSON.std.anyFrom(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (!(answer instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        Object failures = map.get("batchItemFailures");
        if (failures == null) {
            return null;
        }
        if (!(failures instanceof List<?> list)) {
            throw new IllegalArgumentException("batchItemFailures is not an array");
        }
        BigInteger lowest = null;
        String first = null;
        for (Object failure : list) {
            Object id = failure instanceof Map<?, ?> f ? f.get("itemIdentifier") : null;
            if (!(id instanceof String s) || s.isEmpty()) {
                throw new IllegalArgumentException("an itemIdentifier is missing or empty: " + failure);
            }
            if (passing.stream().noneMatch(p -> p.sequenceNumber().equals(s))) {
                throw new IllegalArgumentException("itemIdentifier " + s + " is no sequence number of the batch");
            }
            BigInteger n = new BigInteger(s);
            if (lowest == null || n.compareTo(lowest) < 0) {
                lowest = n;
                first = s;
            }
        }
        return first;
    }

    private static int indexOf(List<Pending> records, String sequenceNumber) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).sequenceNumber().equals(sequenceNumber)) {
                return i;
            }
        }
        throw new IllegalStateException("sequence number " + sequenceNumber + " is not in the batch");
    }

    private static byte[] event(List<Pending> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"Records\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(records.get(i).json());
        }
        out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] bytes(Map<String, Object> json) {
        try {
            return JSON.std.asBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String seconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private void sleepUntil(long nanoTime) throws InterruptedException {
        long millis = Math.max(1, (nanoTime - System.nanoTime()) / 1_000_000);
        Thread.sleep(Math.min(millis, 250));
    }

    private void publish(boolean finished, String error) {
        int behind = 0;
        Instant oldest = null;
        for (Batch b : batches) {
            for (Pending p : b.records) {
                if (p.passes()) {
                    behind++;
                    oldest = oldest == null ? p.arrival() : oldest;
                }
            }
        }
        for (Pending p : pending) {
            if (p.passes()) {
                behind++;
                oldest = oldest == null ? p.arrival() : oldest;
            }
        }
        status = new Status(shardId, behind, oldest, behind == 0 && batches.isEmpty() ? atTipSince : -1, finished,
                error, invocations, delivered, failedBatches);
    }
}
