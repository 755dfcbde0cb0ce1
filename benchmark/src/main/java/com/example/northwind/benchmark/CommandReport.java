package com.example.northwind.benchmark;

import static com.example.northwind.benchmark.Report.fmt;
import static com.example.northwind.benchmark.Report.row;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The BENCHMARKS.md section of {@link CommandBenchmark}'s results ({@code commands}), with its own reading. */
final class CommandReport {
    private CommandReport() {
    }

    @SuppressWarnings("unchecked")
    static void append(StringBuilder md, Map<String, Object> section, Path readingFile) throws IOException {
        md.append("\n## 6. Commands\n\nEach command through `CommandHandler.handle` in-process (its `(DynamoDbClient, tableName, Clock)` ")
                .append("constructor, HTTP to DynamoDB Local in its own JVM) on a table seeded with the real data. *requests*, ")
                .append("*RCU*, *WCU* and *items written* are per call, recorded by an SDK `ExecutionInterceptor` on the benchmark's ")
                .append("client from each response's `ConsumedCapacity` (`ReturnConsumedCapacity=INDEXES`) over ")
                .append(section.get("costSamples")).append(" calls; *priced* is what DynamoDB's published rules give for the same ")
                .append("calls from the item sizes (reads ⌈size/4 KB⌉ strongly consistent; a transaction 2 × ⌈size/1 KB⌉ per item ")
                .append("on the table — the AWS docs' two underlying writes — and ")
                .append(section.get("transactionalIndexFactor") == null ? "2" : String.valueOf(section.get("transactionalIndexFactor")))
                .append(" × ⌈size/1 KB⌉ per index entry written, 2 entries when an index key moves: the docs do not say, and a ")
                .append("published measurement against DynamoDB, nubo-db/dynoxide `tests/transactional_index_consumed_capacity.rs` ")
                .append("(August 2026), found index entries at 1×; `-Dpricing.transactionalIndexFactor` sets it). ")
                .append(Boolean.TRUE.equals(section.get("capacitySplitReported")) ? ""
                        : "DynamoDB Local reports only `CapacityUnits` (no `ReadCapacityUnits`/`WriteCapacityUnits`), so "
                        + "its figures are split by operation (GetItem, BatchGetItem, Query read; UpdateItem, TransactWriteItems write). ")
                .append("Latency: ").append(section.get("warmUp")).append(" warm-up calls, then ").append(section.get("iterations"))
                .append(" sequential timed calls. placeOrder orders 1 unit of each line's product for ALFKI; shipOrder ships the ")
                .append("1-line orders, cancelOrder cancels the 5-line orders; updateCustomer changes contactName (a gsi_1 key), ")
                .append("updateProduct unitPrice, updateEmployee employee 5's title (copied on 7 territory edges); assign/unassign ")
                .append("alternate on employee 1 and territory 01581.");
        if (section.get("measuredAt") != null) {
            md.append(" Measured ").append(section.get("measuredAt")).append(" with `--only commands` (load average ")
                    .append(((Map<String, Object>) section.get("machine")).get("loadAverageAtStart")).append(").");
        }
        md.append("\n\n| command | requests | RCU | WCU: table / gsi_1 / gsi_2 (DynamoDB Local) | WCU priced: table / gsi_1 / gsi_2 | items written | largest item B | p50 ms | p99 ms | calls/s, 1 client |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Object> e : ((Map<String, Object>) section.get("commands")).entrySet()) {
            Map<String, Object> c = (Map<String, Object>) e.getValue();
            Map<String, Object> by = (Map<String, Object>) c.get("byTarget");
            Map<String, Object> ex = (Map<String, Object>) c.get("expectedByTarget");
            md.append(row("`" + e.getKey() + "`", fmt(c.get("requests"), 0), fmt(c.get("rcu"), 0) + " (priced " + fmt(c.get("expectedRcu"), 0) + ")",
                    "**" + fmt(c.get("wcu"), 0) + "**: " + targets(by), "**" + fmt(c.get("expectedWcu"), 0) + "**: " + targets(ex),
                    fmt(c.get("itemsWritten"), 0), c.get("largestItemBytes"), fmt(c.get("p50Ms"), 2), fmt(c.get("p99Ms"), 2),
                    fmt(c.get("callsPerSecond1"), 0)));
        }
        md.append("\n").append(section.get("clients")).append(" concurrent clients (threads, each with a handler of its own on the ")
                .append("shared client), ").append(section.get("callsPerClient")).append(" calls each, all started together; *attempts* ")
                .append("counts the handler's runs per call (a retry follows a transaction cancelled by a concurrent writer).\n\n")
                .append("| command | workload | calls/s | p50 ms | p99 ms | attempts mean / max | refused |\n|---|---|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> t : (List<Map<String, Object>>) section.get("throughput")) {
            md.append(row("`" + t.get("command") + "`", t.get("workload"), fmt(t.get("callsPerSecond"), 0), fmt(t.get("p50Ms"), 1),
                    fmt(t.get("p99Ms"), 1), fmt(t.get("meanAttempts"), 2) + " / " + t.get("maxAttempts"), t.get("refused")));
        }
        if (Files.isRegularFile(readingFile)) {
            md.append("\n").append(Files.readString(readingFile, StandardCharsets.UTF_8).strip()).append("\n");
        }
    }

    @SuppressWarnings("unchecked")
    private static String targets(Map<String, Object> byTarget) {
        StringBuilder b = new StringBuilder();
        for (String t : List.of("table", "gsi_1", "gsi_2")) {
            Object units = byTarget.get(t) instanceof Map<?, ?> m ? ((Map<String, Object>) m).get("wcu") : 0;
            b.append(b.length() == 0 ? "" : " / ").append(fmt(units, 0));
        }
        return b.toString();
    }
}
