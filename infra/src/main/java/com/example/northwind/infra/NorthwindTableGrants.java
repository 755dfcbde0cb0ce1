package com.example.northwind.infra;

import com.example.northwind.model.Bookkeeping;
import com.example.northwind.schema.FunctionContract;
import com.example.northwind.schema.TableIndex;
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
     * What the seeder functions (onEvent and isComplete) may do on any item of the table, unconditioned:
     * BatchWriteItem (the seed's batched puts and deletes); Scan of whole items (a migration reads every item of its
     * segment, so the former keys-only condition, {@code dynamodb:Select}/{@code dynamodb:Attributes}, cannot stay:
     * IAM has no condition that allows a full-item Scan of some items only); PutItem, DeleteItem and
     * ConditionCheckItem, the actions of the migration's TransactWriteItems (DynamoDB authorizes a transaction per
     * action), PutItem also writing the migration's checkpoint. On the table's ARN only: no index, no table
     * management, no BatchGetItem, no PartiQL.
     */
    public static final List<String> SEED_ITEM_ACTIONS = List.of("dynamodb:BatchWriteItem", "dynamodb:Scan",
            "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem");
    /**
     * The partitions the seeder functions may GetItem in ({@code dynamodb:LeadingKeys}, StringLike): the seed record,
     * the order-id counter and the migrations' checkpoints ({@code _MIGRATION#<name>}). Everything else they read
     * through the Scan.
     */
    public static final List<String> SEED_READ_PARTITIONS = List.of(Bookkeeping.SEED_PK, Bookkeeping.ORDER_ID_COUNTER_PK,
            FunctionContract.MIGRATION_CHECKPOINT_PK_PREFIX + "*");
    /** The partitions the seeder functions may UpdateItem in: the migrations' checkpoints only. */
    public static final List<String> SEED_UPDATE_PARTITIONS = List.of(FunctionContract.MIGRATION_CHECKPOINT_PK_PREFIX + "*");

    private NorthwindTableGrants() {
    }

    /** GetItem and Query on the table and on its named indexes only (no Scan, no writes). */
    public static Grant grantQueryAccess(ITable table, IGrantable grantee) {
        if (table.getEncryptionKey() != null) {
            table.getEncryptionKey().grantDecrypt(grantee);
        }
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
     * The seed and the migration, for the seeder's onEvent and isComplete functions alike (either may do the work:
     * onEvent starts it, every isComplete poll continues it from the checkpoint): {@link #SEED_ITEM_ACTIONS} on the
     * table, GetItem in {@link #SEED_READ_PARTITIONS} and UpdateItem in {@link #SEED_UPDATE_PARTITIONS} only. With a
     * customer-managed table key, also encrypt/decrypt with it.
     *
     * <p>Least privilege as far as IAM can express it: a migration rewrites items of every kind, so PutItem,
     * DeleteItem and the Scan cannot be limited to partitions (LeadingKeys) or attributes; what only the bookkeeping
     * needs (GetItem, UpdateItem of the checkpoint) is.
     */
    public static Grant grantSeedAccess(ITable table, IGrantable grantee) {
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:GetItem"))
                .resources(List.of(table.getTableArn()))
                .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", SEED_READ_PARTITIONS)))
                .build());
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:UpdateItem"))
                .resources(List.of(table.getTableArn()))
                .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", SEED_UPDATE_PARTITIONS)))
                .build());
        if (table.getEncryptionKey() != null) {
            table.getEncryptionKey().grantEncryptDecrypt(grantee);
        }
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(SEED_ITEM_ACTIONS)
                .resourceArns(List.of(table.getTableArn()))
                .build());
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
