package com.example.northwind.benchmark.heat;

/**
 * How a transactional write is priced in the simulator and the command benchmark, stated once (BENCHMARKS.md cites
 * the sources with the figures).
 *
 * <ul>
 *   <li>Table items: 2× — the AWS docs: a transaction makes "two underlying reads or writes of every item" (prepare and
 *   commit), so 2 WCU per KB.</li>
 *   <li>Index entries: the AWS docs say nothing of them. A third-party measurement against real DynamoDB
 *   (nubo-db/dynoxide, {@code tests/transactional_index_consumed_capacity.rs}, August 2026) found the 2× on the base
 *   table only: index entries written by a transaction cost 1× — the default here. It is a visible parameter:
 *   {@code -Dpricing.transactionalIndexFactor=2} prices them like table items (the reading before issue #21).</li>
 * </ul>
 */
public final class Pricing {
    public static final double TRANSACTIONAL_TABLE_FACTOR = 2;
    public static final double TRANSACTIONAL_INDEX_FACTOR =
            Double.parseDouble(System.getProperty("pricing.transactionalIndexFactor", "1"));

    private Pricing() {
    }
}
