package com.example.northwind.benchmark;

import static com.example.northwind.benchmark.Report.fmt;
import static com.example.northwind.benchmark.Report.num;
import static com.example.northwind.benchmark.Report.row;
import static com.example.northwind.benchmark.Report.yes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The BENCHMARKS.md section and target rows of {@link EndpointBenchmark}'s results ({@code lambdaEndpoint}). */
final class LambdaEndpointReport {
    private LambdaEndpointReport() {
    }

    @SuppressWarnings("unchecked")
    static void append(StringBuilder md, Map<String, Object> endpoint) {
        md.append("\n## 5. Local Lambda endpoint\n\n`run-local`'s Lambda Invoke API (`LambdaInvokeServer`) over HTTP, ")
                .append("each client on its own kept-alive connection (a raw socket: the request leaves in one write), ")
                .append("closed loop; clients, endpoint and handler share one JVM and the machine's cores. ")
                .append(endpoint.get("requestsPerRun")).append(" timed calls per run after a warm-up. Limits: `")
                .append(endpoint.get("limits")).append("`");
        if (endpoint.get("measuredAt") != null) {
            md.append("; measured ").append(endpoint.get("measuredAt")).append(" with `--only lambdaEndpoint` (load average ")
                    .append(((Map<String, Object>) endpoint.get("machine")).get("loadAverageAtStart")).append(")");
        }
        md.append(".\n\n");
        for (Map.Entry<String, Object> s : ((Map<String, Object>) endpoint.get("scenarios")).entrySet()) {
            md.append("- `").append(s.getKey()).append("`: ").append(s.getValue()).append("\n");
        }
        md.append("\n| handler | clients | TCP_NODELAY | p50 ms | p99 ms | requests/s |\n|---|---:|---|---:|---:|---:|\n");
        for (Map<String, Object> run : (List<Map<String, Object>>) endpoint.get("runs")) {
            md.append(row(run.get("scenario"), run.get("clients"), Boolean.TRUE.equals(run.get("tcpNoDelay")) ? "on" : "off",
                    fmt(run.get("p50Ms"), 3), fmt(run.get("p99Ms"), 3), fmt(run.get("requestsPerSecond"), 0)));
        }
    }

    /** p50 at 8 kept-alive clients within 2× of one client's, per handler (TCP_NODELAY on). */
    @SuppressWarnings("unchecked")
    static List<String[]> targets(Map<String, Object> endpoint) {
        List<Map<String, Object>> runs = (List<Map<String, Object>>) endpoint.get("runs");
        List<String[]> t = new ArrayList<>();
        for (Object scenario : ((Map<String, Object>) endpoint.get("scenarios")).keySet()) {
            Map<String, Object> one = find(runs, scenario, 1);
            Map<String, Object> eight = find(runs, scenario, 8);
            if (one == null || eight == null) {
                continue;
            }
            double ratio = num(eight.get("p50Ms")) / num(one.get("p50Ms"));
            t.add(new String[] {"endpoint (" + scenario + "): p50 at 8 kept-alive clients ≤ 2× one client's",
                    fmt(ratio, 2) + "× (" + fmt(eight.get("p50Ms"), 3) + " vs " + fmt(one.get("p50Ms"), 3) + " ms)", yes(ratio <= 2)});
        }
        return t;
    }

    private static Map<String, Object> find(List<Map<String, Object>> runs, Object scenario, int clients) {
        return runs.stream().filter(r -> scenario.equals(r.get("scenario")) && num(r.get("clients")) == clients
                && Boolean.TRUE.equals(r.get("tcpNoDelay"))).findFirst().orElse(null);
    }
}
