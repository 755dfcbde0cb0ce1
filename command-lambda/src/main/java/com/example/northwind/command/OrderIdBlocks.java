package com.example.northwind.command;

import java.util.function.LongUnaryOperator;

/**
 * The order ids of one execution environment, leased from the counter a block at a time: one atomic {@code ADD} of
 * {@link com.example.northwind.model.Bookkeeping#ORDER_ID_BLOCK_SIZE} hands this environment that many ids, so the
 * counter takes R / block writes a second instead of R (docs/key-design.md, "Order ids").
 *
 * <p>Ids are unique and never reused (a block is never leased twice, an id of a refused order is skipped), above the
 * seeded data's, and increasing within one environment; environments interleave, and an environment that ends leaves
 * the rest of its block unused (gaps). SnapStart restores many environments from one snapshot: a block held in the
 * snapshot would be handed out by each of them, so none is leased before it ({@link #drop} in {@code afterRestore}).
 */
final class OrderIdBlocks {
    private long next = 1;
    private long last = 0;

    /**
     * The next id, leasing a new block when this one is used up.
     *
     * @param lease adds the block size to the counter and answers the counter's new value (the block's last id)
     */
    synchronized long take(int blockSize, LongUnaryOperator lease) {
        if (next > last) {
            long top = lease.applyAsLong(blockSize);
            next = top - blockSize + 1;
            last = top;
        }
        return next++;
    }

    /** Forgets the block held (after a SnapStart restore: another environment may hold the same one). */
    synchronized void drop() {
        next = 1;
        last = 0;
    }

    /** Whether a block is held (tests: nothing leased during priming). */
    synchronized boolean holdsBlock() {
        return next <= last;
    }

    /** A copy of this state, as SnapStart restores the same memory into several environments (tests only). */
    synchronized OrderIdBlocks snapshotCopy() {
        OrderIdBlocks copy = new OrderIdBlocks();
        copy.next = next;
        copy.last = last;
        return copy;
    }
}
