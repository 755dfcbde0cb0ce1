package com.example.northwind.local.stream;

import com.example.northwind.model.EventFilter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/**
 * Lambda's event source mapping for a DynamoDB stream, run locally: the stream's shards discovered (DescribeStream,
 * every {@code discoveryInterval} and whenever a shard is finished), each readable shard read by a {@link ShardPoller}
 * of its own — a child only once its parent is finished ({@link ShardGraph}) — from its checkpoint
 * (AFTER_SEQUENCE_NUMBER), else from the mapping's starting position (a shard that appears later: TRIM_HORIZON).
 *
 * <p>{@link #status()} is the consumer's lag (matching records fetched but not done, the age of the oldest);
 * {@link #awaitCaughtUp} waits until everything written before the call is done — what tests of derived data use
 * instead of a fixed sleep.
 */
public final class LocalEventSourceMapping implements AutoCloseable {
    /**
     * How often the mapping polls an idle shard (Lambda: four times a second), looks for new shards, and how long it
     * waits before the first retry of a failed batch (doubled per retry, at most 5 s).
     */
    public record Timing(Duration pollInterval, Duration discoveryInterval, Duration retryBackoff) {
        /** As Lambda: a shard polled four times a second; shards listed every second; retries from 100 ms. */
        public static Timing lambdaLike() {
            return new Timing(Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofMillis(100));
        }
    }

    /** The lag and counters of the whole mapping. */
    public record Status(boolean caughtUp, long recordsBehind, Duration lag, int shardsReading, int shardsFinished,
                         long invocations, long recordsDone, long failedBatches, List<String> errors) {
        /** For the console: "caught up" or "N records behind, lag X s". */
        public String describe() {
            String state = caughtUp ? "caught up" : recordsBehind == 0 ? "reading the stream"
                    : String.format(java.util.Locale.ROOT, "%,d record%s behind, lag %.1f s",
                    recordsBehind, recordsBehind == 1 ? "" : "s", lag.toMillis() / 1000.0);
            return errors.isEmpty() ? state : state + "; stopped shard(s): " + String.join("; ", errors);
        }
    }

    private final MappingContext context;
    private final StreamSource source;
    private final MappingSettings settings;
    private final Checkpoints checkpoints;
    private final Clock clock;
    private final Timing timing;
    private final Consumer<String> log;
    private final ExecutorService threads;
    private final Map<String, ShardPoller> pollers = new LinkedHashMap<>();
    private final Set<String> finished = new HashSet<>();
    private final Object discoverySignal = new Object();
    private final Set<String> presentAtStart = new HashSet<>();
    private volatile long lastDiscoveryStartedAt = -1;
    private volatile long lastShardFinishedAt = -1;
    private volatile String discoveryError;
    private volatile boolean stopped;

    private LocalEventSourceMapping(StreamSource source, MappingSettings settings, FunctionInvoker invoker,
                                    Checkpoints checkpoints, FailureDestination failures, String functionArn,
                                    Clock clock, Timing timing, Consumer<String> log) {
        this.context = new MappingContext(source, settings, EventFilter.of(settings.filterPatterns()), invoker, checkpoints,
                failures, functionArn, clock, timing, log);
        this.source = source;
        this.settings = settings;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.timing = timing;
        this.log = log;
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stream-mapping");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts reading {@code source} into {@code invoker}.
     *
     * @param functionArn the function as the failure records name it (with its qualifier)
     * @param clock       the time records' ages are measured in (tests move it)
     * @throws IllegalArgumentException when a filter pattern is not supported (before anything starts)
     */
    public static LocalEventSourceMapping start(StreamSource source, MappingSettings settings, FunctionInvoker invoker,
                                                Checkpoints checkpoints, FailureDestination failures, String functionArn,
                                                Clock clock, Timing timing, Consumer<String> log) {
        LocalEventSourceMapping mapping = new LocalEventSourceMapping(source, settings, invoker, checkpoints, failures,
                functionArn, clock, timing, log);
        mapping.threads.execute(mapping::discoverLoop);
        return mapping;
    }

    public MappingSettings settings() {
        return settings;
    }

    public String streamArn() {
        return source.streamArn();
    }

    /** The lag now: matching records fetched and not done, and the age of the oldest of them. */
    public Status status() {
        List<ShardPoller.Status> shards;
        synchronized (pollers) {
            shards = pollers.values().stream().map(ShardPoller::status).toList();
        }
        long behind = 0;
        long invocations = 0;
        long done = 0;
        long failed = 0;
        int reading = 0;
        int finishedShards = 0;
        Instant oldest = null;
        List<String> errors = new ArrayList<>();
        for (ShardPoller.Status s : shards) {
            behind += s.behind();
            invocations += s.invocations();
            done += s.delivered();
            failed += s.failedBatches();
            if (s.finished()) {
                finishedShards++;
            } else {
                reading++;
            }
            if (s.oldestArrival() != null && (oldest == null || s.oldestArrival().isBefore(oldest))) {
                oldest = s.oldestArrival();
            }
            if (s.error() != null) {
                errors.add(s.shardId() + ": " + s.error());
            }
        }
        if (discoveryError != null) {
            errors.add("DescribeStream: " + discoveryError);
        }
        Duration lag = oldest == null ? Duration.ZERO : Duration.between(oldest, clock.instant());
        boolean caughtUp = lastDiscoveryStartedAt >= 0 && behind == 0 && errors.isEmpty()
                && shards.stream().allMatch(s -> s.finished() || s.atTipSince() >= 0);
        return new Status(caughtUp, behind, lag.isNegative() ? Duration.ZERO : lag, reading, finishedShards,
                invocations, done, failed, errors);
    }

    /**
     * Waits until everything written to the table before this call is done: the shards were listed again after the
     * call (and after the last shard finished), and every shard being read has since polled and found nothing more,
     * with nothing pending or in flight.
     *
     * @return true when caught up, false when {@code timeout} passed first
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long since = System.nanoTime();
        long deadline = since + timeout.toNanos();
        synchronized (discoverySignal) {
            discoverySignal.notifyAll(); // list the shards now rather than in up to a second
        }
        while (System.nanoTime() < deadline) {
            if (caughtUpSince(since)) {
                return true;
            }
            Thread.sleep(5);
        }
        return caughtUpSince(since);
    }

    private boolean caughtUpSince(long since) {
        if (lastDiscoveryStartedAt <= Math.max(since, lastShardFinishedAt)) {
            return false;
        }
        synchronized (pollers) {
            for (ShardPoller poller : pollers.values()) {
                ShardPoller.Status s = poller.status();
                if (s.error() != null) {
                    return false;
                }
                if (!s.finished() && (s.behind() > 0 || s.atTipSince() <= since)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void discoverLoop() {
        boolean first = true;
        while (!stopped) {
            long startedAt = System.nanoTime();
            try {
                discover(first);
                first = false;
                discoveryError = null;
                lastDiscoveryStartedAt = startedAt;
            } catch (SdkException e) {
                if (discoveryError == null) {
                    log.accept("stream consumer: DescribeStream failed (" + e.getMessage() + "); retrying");
                }
                discoveryError = e.getMessage();
            } catch (RuntimeException e) {
                discoveryError = e.toString();
                log.accept("stream consumer: stopped looking for shards: " + e);
                return;
            }
            synchronized (discoverySignal) {
                try {
                    discoverySignal.wait(Math.max(1, timing.discoveryInterval().toMillis()));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void discover(boolean first) {
        List<Shard> listing = source.shards();
        if (first) {
            listing.forEach(s -> presentAtStart.add(s.shardId()));
        }
        Set<String> done = new HashSet<>(checkpoints.finished(source.streamArn()));
        synchronized (pollers) {
            done.addAll(finished);
            for (Shard shard : ShardGraph.readable(listing, done, pollers.keySet())) {
                if (stopped) {
                    return;
                }
                startPoller(shard, listing);
            }
        }
    }

    private void startPoller(Shard shard, List<Shard> listing) {
        String id = shard.shardId();
        String checkpoint = checkpoints.sequenceNumber(source.streamArn(), id);
        ShardIteratorType type;
        if (checkpoint != null) {
            type = ShardIteratorType.AFTER_SEQUENCE_NUMBER;
        } else if (MappingSettings.LATEST.equals(settings.startingPosition()) && presentAtStart.contains(id)
                && listing.stream().noneMatch(s -> s.shardId().equals(shard.parentShardId()))) {
            type = ShardIteratorType.LATEST;
        } else {
            type = ShardIteratorType.TRIM_HORIZON;
        }
        ShardPoller poller = new ShardPoller(id, type, checkpoint, context, this::shardFinished);
        pollers.put(id, poller);
        threads.execute(poller);
    }

    private void shardFinished(String shardId) {
        synchronized (pollers) {
            finished.add(shardId);
        }
        lastShardFinishedAt = System.nanoTime();
        synchronized (discoverySignal) {
            discoverySignal.notifyAll(); // its children may be read now
        }
    }

    /**
     * Stops every poller after its current step (an invocation in flight may finish and be checkpointed, for at most
     * {@value #STOP_GRACE_SECONDS} s); what is then still in flight is not checkpointed, so a next run delivers it again.
     */
    @Override
    public void close() {
        stopped = true;
        synchronized (pollers) {
            pollers.values().forEach(ShardPoller::stop);
        }
        synchronized (discoverySignal) {
            discoverySignal.notifyAll();
        }
        threads.shutdown();
        try {
            if (!threads.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                threads.shutdownNow();
                threads.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** How long stopping waits for an invocation in flight before interrupting it. */
    static final int STOP_GRACE_SECONDS = 5;
}
