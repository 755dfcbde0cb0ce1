package com.example.northwind.local.stream;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local run's stream consumer: the {@link LocalEventSourceMapping} feeding the stream function, the record of what
 * the function wrote ({@link ConsumerWrites}), where failed batches go, and what to close with it. What the Ready line,
 * the design explorer and tests ask of it.
 */
public final class StreamConsumer implements AutoCloseable {
    private final LocalEventSourceMapping mapping;
    private final ConsumerWrites writes;
    private final FailureDestination failures;
    private final Checkpoints checkpoints;
    private final List<AutoCloseable> resources;

    /** @param resources closed after the mapping, last first (the function's environments, the clients) */
    public StreamConsumer(LocalEventSourceMapping mapping, ConsumerWrites writes, FailureDestination failures,
                          Checkpoints checkpoints, List<AutoCloseable> resources) {
        this.mapping = mapping;
        this.writes = writes;
        this.failures = failures;
        this.checkpoints = checkpoints;
        this.resources = List.copyOf(resources);
    }

    public LocalEventSourceMapping.Status status() {
        return mapping.status();
    }

    /** Waits until everything written before the call is done (see {@link LocalEventSourceMapping#awaitCaughtUp}). */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return mapping.awaitCaughtUp(timeout);
    }

    /**
     * Unless caught up now, tells {@code report} once it is ("caught up: N records done in M invocations"), from a
     * daemon thread: the Ready line shows the lag at start, this line when the seed's records are all done.
     */
    public void whenCaughtUp(java.util.function.Consumer<String> report) {
        if (mapping.status().caughtUp()) {
            return;
        }
        Thread watcher = new Thread(() -> {
            try {
                long start = System.nanoTime();
                if (mapping.awaitCaughtUp(Duration.ofHours(1))) {
                    LocalEventSourceMapping.Status s = mapping.status();
                    report.accept(String.format(java.util.Locale.ROOT, "caught up: %,d records done in %,d invocations"
                            + " (%.1f s after Ready)", s.recordsDone(), s.invocations(), (System.nanoTime() - start) / 1e9));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stream-consumer-caught-up");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** A marker for {@link #writtenSince}. */
    public long writesMarker() {
        return writes.marker();
    }

    /** Keys of the items the consumer wrote since {@code marker}, each once. */
    public List<Map<String, String>> writtenSince(long marker) {
        return writes.since(marker);
    }

    public MappingSettings settings() {
        return mapping.settings();
    }

    /** Where failed batches go: a folder, or "none". */
    public String failureDestination() {
        return failures.describe();
    }

    /** For the Ready line: the lag and where failed batches go. */
    public String readySummary() {
        return mapping.status().describe() + ", failed batches → " + failures.describe();
    }

    /** For the design explorer: lag, counters, settings, where failed batches and checkpoints go. */
    public Map<String, Object> statusJson() {
        LocalEventSourceMapping.Status s = mapping.status();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("caughtUp", s.caughtUp());
        out.put("recordsBehind", s.recordsBehind());
        out.put("lagSeconds", s.lag().toMillis() / 1000.0);
        out.put("summary", s.describe());
        out.put("shardsReading", s.shardsReading());
        out.put("shardsFinished", s.shardsFinished());
        out.put("invocations", s.invocations());
        out.put("recordsDone", s.recordsDone());
        out.put("failedBatches", s.failedBatches());
        out.put("errors", s.errors());
        out.put("settings", mapping.settings().describe());
        out.put("streamArn", mapping.streamArn());
        out.put("failureDestination", failures.describe());
        out.put("checkpoints", checkpoints.file() == null ? "in memory" : checkpoints.file().toString());
        return out;
    }

    @Override
    public void close() {
        mapping.close();
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                System.err.println("run-local: stopping the stream consumer's " + resources.get(i).getClass().getSimpleName()
                        + " failed: " + e.getMessage());
            }
        }
    }
}
