package com.example.northwind.benchmark.heat;

/**
 * DynamoDB's capacity-unit rounding, as the simulator applies it.
 * <ul>
 *   <li>Write: 1 unit per 1 KB (1,024 bytes) of the item, rounded up, per item copy written (the table item, each index
 *   entry); a transactional write doubles it.</li>
 *   <li>Read: 1 unit per 4 KB of the bytes one request reads (a Query page: the sum of the items read; a GetItem and each
 *   item of a BatchGetItem: that item), rounded up; eventually consistent reads cost half.</li>
 * </ul>
 */
public final class Units {
    public static final int WRITE_UNIT_BYTES = 1024;
    public static final int READ_UNIT_BYTES = 4096;
    /** Half of DynamoDB's per-partition limits (1,000 WCU/s, 3,000 RCU/s): the target this benchmark checks. */
    public static final double WCU_LIMIT = 500;
    public static final double RCU_LIMIT = 1500;

    private Units() {
    }

    public static int write(int bytes) {
        return Math.max(1, (bytes + WRITE_UNIT_BYTES - 1) / WRITE_UNIT_BYTES);
    }

    public static double read(long bytes, boolean consistent) {
        long units = Math.max(1, (bytes + READ_UNIT_BYTES - 1) / READ_UNIT_BYTES);
        return consistent ? units : units / 2.0;
    }
}
