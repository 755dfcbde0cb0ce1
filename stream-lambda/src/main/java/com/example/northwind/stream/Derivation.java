package com.example.northwind.stream;

import java.util.List;

/**
 * One kind of derived data kept from the table's stream (the sales aggregates, a product's listed stock, ...). The
 * handler hands every derivation the whole batch, in stream order; each picks the changes it derives from.
 *
 * <p>Lambda delivers at least once: a batch (or its tail, after a reported failure) can come again after its effect
 * was written, and records of different items arrive in any order. A derivation must therefore apply each change's
 * effect exactly once by itself (markers, version guards, ...), so that handing it a change twice changes nothing.
 */
public interface Derivation {
    /**
     * Applies what this derivation derives from {@code batch}.
     *
     * @return the index of the first change whose effect is not (known to be) written — {@code batch.size()} when
     *     every change is done. The handler reports the smallest such index over all derivations as the batch's first
     *     failed record, so Lambda retries from there.
     * @throws RuntimeException when nothing can be said per record (the table unreachable): the invocation fails and
     *     Lambda retries the batch
     */
    int apply(List<StreamChange> batch);
}
