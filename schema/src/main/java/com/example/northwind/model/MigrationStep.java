package com.example.northwind.model;


/**
 * What a migration does to one kind of existing item, recognised by its {@code type} and its sort key (as the
 * OLD model wrote it): rebuild it in place from its own fact under the current model, copy it to the item of a
 * current kind (keeping the old one until the contract phase), or remove it.
 *
 * @param sortKey    the old item's sort key exactly, or a prefix when {@code prefix} is true
 * @param targetKind the current model's item kind the step produces (REBUILD and COPY)
 */
public record MigrationStep(String description, String type, String sortKey, boolean prefix, Action action, String targetKind) {
    /** The three things a step can do. */
    public enum Action {
        /** Put the current model's item for this fact at the same key (new attributes, index keys, sort values). */
        REBUILD,
        /**
         * Put the current model's item of {@code targetKind} at its (new) key unless the item there is already exactly
         * that (a copy made before is refreshed when its source changed since); the old item stays until contract.
         */
        COPY,
        /**
         * Put the current model's item for this fact at the same key, keeping the index keys ({@code data},
         * {@code pk2}/{@code sk2}) the old item has and the current model no longer gives it: old readers still find
         * it in their index while new readers find it in theirs. A contract-phase REBUILD drops the old keys.
         */
        EXTEND,
        /** Delete the old item (its information lives in current-model items). */
        REMOVE,
        /**
         * Count the item in the derived data (docs/derived-data.md): the sales ledger's backfill of one source item,
         * exactly once even while the stream consumer and commands write (the item itself is not written).
         */
        DERIVE,
        /**
         * Move a product's stock from its entity's {@code unitsInStock} (the legacy field) into its stock shards, in one
         * transaction with a raise of the entity's revision, conditioned on the entity being unchanged: a product has
         * either no shard or all of them, and a writer that read the legacy stock before fails its condition and reads
         * again. The field stays, as the listed stock.
         */
        SHARD_STOCK
    }

    public static MigrationStep rebuild(String description, String type, String exactSortKey, String targetKind) {
        return new MigrationStep(description, type, exactSortKey, false, Action.REBUILD, targetKind);
    }

    /** Rebuilds every item of the type whose sort key starts with {@code sortKeyPrefix}. */
    public static MigrationStep rebuildAll(String description, String type, String sortKeyPrefix, String targetKind) {
        return new MigrationStep(description, type, sortKeyPrefix, true, Action.REBUILD, targetKind);
    }

    public static MigrationStep copy(String description, String type, String sortKeyPrefix, String targetKind) {
        return new MigrationStep(description, type, sortKeyPrefix, true, Action.COPY, targetKind);
    }

    /** Copies the item whose sort key is exactly {@code sortKey} (not the items whose sort key only starts with it). */
    public static MigrationStep copyExact(String description, String type, String sortKey, String targetKind) {
        return new MigrationStep(description, type, sortKey, false, Action.COPY, targetKind);
    }

    public static MigrationStep extend(String description, String type, String sortKey, boolean prefix, String targetKind) {
        return new MigrationStep(description, type, sortKey, prefix, Action.EXTEND, targetKind);
    }

    public static MigrationStep remove(String description, String type, String sortKeyPrefix) {
        return new MigrationStep(description, type, sortKeyPrefix, true, Action.REMOVE, null);
    }

    /** Removes the item whose sort key is exactly {@code sortKey}. */
    public static MigrationStep removeExact(String description, String type, String sortKey) {
        return new MigrationStep(description, type, sortKey, false, Action.REMOVE, null);
    }

    public static MigrationStep shardStock(String description, String type, String exactSortKey) {
        return new MigrationStep(description, type, exactSortKey, false, Action.SHARD_STOCK, null);
    }

    public static MigrationStep derive(String description, String type, String sortKey, boolean prefix) {
        return new MigrationStep(description, type, sortKey, prefix, Action.DERIVE, null);
    }

    /** Whether an existing item (its {@code type} and sort key) is one this step applies to. */
    public boolean matches(String itemType, String itemSortKey) {
        return type.equals(itemType) && (prefix ? itemSortKey.startsWith(sortKey) : itemSortKey.equals(sortKey));
    }

    /** A short line for logs and docs. */
    public String describe() {
        return action + " " + type + " items with sk " + (prefix ? sortKey + "…" : sortKey)
                + (targetKind == null ? "" : " → " + targetKind) + ": " + description;
    }

}
