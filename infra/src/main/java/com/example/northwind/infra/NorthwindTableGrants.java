package com.example.northwind.infra;

import com.example.northwind.model.Bookkeeping;
import com.example.northwind.model.StreamSources;
import com.example.northwind.schema.FunctionContract;
import com.example.northwind.schema.TableIndex;
import com.example.northwind.schema.TableSchema;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * Least-privilege grants on the Northwind table, for each Lambda's exact calls.
 *
 * <p>Static helpers on {@link ITable} rather than methods of {@link NorthwindTable}: the table lives in
 * the data stack and the functions in the service stack, which only sees an {@code ITable}. The grants
 * add identity policies to the grantee (no resource policy on the table), so they are cross-stack safe.
 * The table's own {@code grantReadData} is not used: it adds Scan and {@code /index/*}.
 */
public final class NorthwindTableGrants {
    /** What the query Lambda calls: point reads and key-condition queries. */
    public static final List<String> QUERY_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:Query");
    /** What the query Lambda reads the table itself with besides: product's entity and stock shards (item model 6). */
    public static final List<String> QUERY_TABLE_ACTIONS = List.of("dynamodb:BatchGetItem");
    /**
     * What the command Lambda writes with: the item actions of its TransactWriteItems (DynamoDB authorizes a
     * transaction per action) and the UpdateItem of the order-id counter. No BatchWriteItem, no PartiQL.
     */
    public static final List<String> COMMAND_WRITE_ACTIONS = List.of(
            "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem");
    /** What the command Lambda reads with, on the table only: point reads, batched point reads, a partition. */
    public static final List<String> COMMAND_READ_ACTIONS = List.of(
            "dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem");
    /**
     * What the command role may do with a customer-managed table key: DynamoDB uses the caller's permission to
     * decrypt the table key on reads and to encrypt on writes. Named actions, narrower than
     * {@code grantEncryptDecrypt} (which adds {@code kms:ReEncrypt*} and {@code kms:GenerateDataKey*}).
     */
    public static final List<String> COMMAND_KEY_ACTIONS = List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey");
    /**
     * The seed's writes (onEvent, and isComplete, which continues a seed from its checkpoint): batched puts and
     * deletes of items, the counter, the seed record and the seed's progress item.
     */
    public static final List<String> SEED_WRITE_ACTIONS = List.of("dynamodb:BatchWriteItem");
    /** The seed's keys-only Scan (onEvent): stale items of a half-written seed, and whether a table holds data. */
    public static final List<String> SEED_SCAN_ATTRIBUTES = List.of(TableSchema.PK, TableSchema.SK);
    /** The partitions the seed reads items of (onEvent): its seed record, the order-id counter, its progress item. */
    public static final List<String> SEED_READ_PARTITIONS = List.of(Bookkeeping.SEED_PK, Bookkeeping.ORDER_ID_COUNTER_PK,
            Bookkeeping.SEED_PROGRESS_PK);
    /**
     * What a migration phase (isComplete, which alone migrates) does on items of every kind: a Scan of whole items,
     * GetItem/BatchGetItem of related entities and of its checkpoint, PutItem/DeleteItem/UpdateItem/ConditionCheckItem
     * (its conditional rewrites, the owner-revision raise, its TransactWriteItems' actions, its checkpoint). IAM has no
     * condition that would allow these on some kinds of item only; on the table's ARN only: no index, no table
     * management, no batch writes, no PartiQL.
     */
    public static final List<String> MIGRATION_ACTIONS = List.of("dynamodb:Scan", "dynamodb:GetItem", "dynamodb:BatchGetItem",
            "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:UpdateItem", "dynamodb:ConditionCheckItem");

    /**
     * What reading the table's stream takes (Lambda's event source mapping reads it with the function's role), on the
     * stream's ARN only: CDK's {@code grantStreamRead} would add {@code dynamodb:ListStreams} on {@code *}.
     */
    public static final List<String> STREAM_READ_ACTIONS = List.of("dynamodb:DescribeStream", "dynamodb:GetRecords",
            "dynamodb:GetShardIterator", "dynamodb:ListStreams");
    /**
     * What the stream consumer does with the items it owns (its applied markers and the derived items): point reads,
     * batched point reads, and the item actions of its conditional writes and TransactWriteItems (DynamoDB authorizes
     * a transaction per action). No Query, no Scan, no batch writes, no PartiQL.
     */
    public static final List<String> STREAM_CONSUMER_ITEM_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:BatchGetItem",
            "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem");

    /** The listed stock's reads: a product's entity and its stock shards, in one BatchGetItem per few products. */
    public static final List<String> LISTED_STOCK_READ_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:BatchGetItem");
    /** The listed stock's writes (its TransactWriteItems' actions): the product's entity and category edge. */
    public static final List<String> LISTED_STOCK_WRITE_ACTIONS = List.of("dynamodb:PutItem", "dynamodb:DeleteItem");

    private NorthwindTableGrants() {
    }

    /**
     * GetItem and Query on the table and on its named indexes, and BatchGetItem on the table's ARN only (no Scan, no
     * writes).
     */
    public static Grant grantQueryAccess(ITable table, IGrantable grantee) {
        if (table.getEncryptionKey() != null) {
            table.getEncryptionKey().grantDecrypt(grantee);
        }
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(QUERY_TABLE_ACTIONS)
                .resourceArns(List.of(table.getTableArn()))
                .build());
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(QUERY_ACTIONS)
                .resourceArns(tableAndIndexArns(table))
                .build());
    }

    /**
     * The command Lambda's item writes ({@link #COMMAND_WRITE_ACTIONS}) and reads ({@link #COMMAND_READ_ACTIONS}),
     * on the table's ARN only: a command reads items by key and queries one partition of the table, never an
     * index, never a Scan; no BatchWriteItem, no table management. With a customer-managed table key, also
     * {@link #COMMAND_KEY_ACTIONS} on that key.
     */
    public static Grant grantCommandAccess(ITable table, IGrantable grantee) {
        if (table.getEncryptionKey() != null) {
            table.getEncryptionKey().grant(grantee, COMMAND_KEY_ACTIONS.toArray(String[]::new));
        }
        List<String> actions = new java.util.ArrayList<>(COMMAND_WRITE_ACTIONS);
        actions.addAll(COMMAND_READ_ACTIONS);
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(actions)
                .resourceArns(List.of(table.getTableArn()))
                .build());
    }

    /**
     * The seed (the seeder's onEvent): BatchWriteItem, a Scan that may return the keys only ({@code dynamodb:Select}
     * SPECIFIC_ATTRIBUTES, {@code dynamodb:Attributes} within pk and sk), and GetItem of its seed record, the
     * order-id counter and its progress item only ({@code dynamodb:LeadingKeys}); on the table's ARN only. onEvent
     * never migrates: it leaves a migration to isComplete ({@link #grantMigrationAccess}).
     */
    public static Grant grantSeedAccess(ITable table, IGrantable grantee) {
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:Scan"))
                .resources(List.of(table.getTableArn()))
                .conditions(Map.of(
                        "StringEquals", Map.of("dynamodb:Select", "SPECIFIC_ATTRIBUTES"),
                        "ForAllValues:StringEquals", Map.of("dynamodb:Attributes", SEED_SCAN_ATTRIBUTES)))
                .build());
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:GetItem"))
                .resources(List.of(table.getTableArn()))
                .conditions(Map.of("ForAllValues:StringEquals", Map.of("dynamodb:LeadingKeys", SEED_READ_PARTITIONS)))
                .build());
        if (table.getEncryptionKey() != null) {
            table.getEncryptionKey().grantEncryptDecrypt(grantee);
        }
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(SEED_WRITE_ACTIONS)
                .resourceArns(List.of(table.getTableArn()))
                .build());
    }

    /**
     * A seed continued from its checkpoint (the seeder's isComplete, when onEvent's budget did not suffice): the
     * seed's {@link #SEED_WRITE_ACTIONS} on the table's ARN only. Its reads (GetItem, a keys-only Scan) are within
     * {@link #grantMigrationAccess}, which the same role holds.
     */
    public static Grant grantSeedContinuation(ITable table, IGrantable grantee) {
        if (table.getEncryptionKey() != null) {
            table.getEncryptionKey().grantEncryptDecrypt(grantee);
        }
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(SEED_WRITE_ACTIONS)
                .resourceArns(List.of(table.getTableArn()))
                .build());
    }

    /** A migration phase (the seeder's isComplete): {@link #MIGRATION_ACTIONS} on the table's ARN only. */
    public static Grant grantMigrationAccess(ITable table, IGrantable grantee) {
        if (table.getEncryptionKey() != null) {
            table.getEncryptionKey().grantEncryptDecrypt(grantee);
        }
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(MIGRATION_ACTIONS)
                .resourceArns(List.of(table.getTableArn()))
                .build());
    }

    /**
     * The stream consumer: {@link #STREAM_READ_ACTIONS} on the table's stream ARN, and
     * {@link #STREAM_CONSUMER_ITEM_ACTIONS} on the table's ARN for items whose partition key starts with one of
     * {@link StreamSources#OWNED_PARTITION_PREFIXES} only ({@code dynamodb:LeadingKeys}, {@code ForAllValues:StringLike}
     * on {@code <prefix>*}): it cannot change an order or any other item a writer owns; and, for the listed stock,
     * {@link #LISTED_STOCK_READ_ACTIONS} on products and stock shards and {@link #LISTED_STOCK_WRITE_ACTIONS} on
     * products' partitions only. With a
     * customer-managed table key, also {@link #COMMAND_KEY_ACTIONS} on it (the stream is encrypted with the table's key).
     *
     * @throws IllegalArgumentException when the table has no stream
     */
    public static void grantStreamConsumerAccess(ITable table, IGrantable grantee) {
        String streamArn = streamArnOf(table);
        if (table.getEncryptionKey() != null) {
            table.getEncryptionKey().grant(grantee, COMMAND_KEY_ACTIONS.toArray(String[]::new));
        }
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(STREAM_READ_ACTIONS)
                .resources(List.of(streamArn))
                .build());
        grantee.getGrantPrincipal().addToPrincipalPolicy(onPartitions(table, STREAM_CONSUMER_ITEM_ACTIONS,
                StreamSources.OWNED_PARTITION_PREFIXES));
        // The listed stock (docs/derived-data.md): reads products and their stock shards, writes the products' items.
        grantee.getGrantPrincipal().addToPrincipalPolicy(onPartitions(table, LISTED_STOCK_READ_ACTIONS,
                StreamSources.LISTED_STOCK_READ_PREFIXES));
        grantee.getGrantPrincipal().addToPrincipalPolicy(onPartitions(table, LISTED_STOCK_WRITE_ACTIONS,
                StreamSources.LISTED_STOCK_WRITE_PREFIXES));
    }

    /** Item actions on the table's ARN for partitions starting with one of the prefixes ({@code dynamodb:LeadingKeys}). */
    private static PolicyStatement onPartitions(ITable table, List<String> actions, List<String> partitionPrefixes) {
        return PolicyStatement.Builder.create()
                .actions(actions)
                .resources(List.of(table.getTableArn()))
                .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys",
                        partitionPrefixes.stream().map(p -> p + "*").toList())))
                .build();
    }

    /**
     * The table's stream ARN.
     *
     * @throws IllegalArgumentException naming the table when it has no stream
     */
    public static String streamArnOf(ITable table) {
        if (table.getTableStreamArn() == null) {
            throw new IllegalArgumentException("The table " + table.getNode().getPath() + " has no stream to consume: "
                    + "give it one (NorthwindTable does: " + NorthwindTable.STREAM_VIEW_TYPE + ").");
        }
        return table.getTableStreamArn();
    }

    /** The table's ARN and {@code <tableArn>/index/<name>} of each index, named, never {@code /index/*}. */
    public static List<String> tableAndIndexArns(ITable table) {
        List<String> arns = new java.util.ArrayList<>();
        arns.add(table.getTableArn());
        for (TableIndex index : TableIndex.values()) {
            arns.add(table.getTableArn() + "/index/" + index.indexName());
        }
        return arns;
    }
}
