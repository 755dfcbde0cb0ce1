package com.example.northwind.infra;

import com.example.northwind.schema.TableIndex;
import com.example.northwind.schema.TableSchema;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * The single Northwind table: keys {@code pk}/{@code sk} and the overloaded index {@code gsi_1}
 * ({@code sk}, {@code data}), all names from {@link TableSchema} so the seeder and the query Lambda
 * read and write exactly what is deployed (see docs/key-design.md).
 *
 * <p>A stream ({@link #STREAM_VIEW_TYPE}) carries every change of an item to the stream consumer, which keeps the
 * derived items (docs/derived-data.md).
 *
 * <p>On-demand billing: the workload is one bulk seed and spiky reads, which provisioned capacity would
 * either throttle or pay for idle. Point-in-time recovery is on because this is the stateful part.
 */
public class NorthwindTable extends Construct {
    /** What the table's stream carries: both images, so a consumer can apply the difference of each change. */
    public static final StreamViewType STREAM_VIEW_TYPE = StreamViewType.NEW_AND_OLD_IMAGES;

    private final Table table;

    public NorthwindTable(Construct scope, String id, NorthwindTableProps props) {
        super(scope, id);
        boolean sandbox = props.sandbox();
        Key key = props.customerManagedKey()
                ? Key.Builder.create(this, "Key")
                        .description("Encrypts the Northwind table")
                        .enableKeyRotation(true)
                        .removalPolicy(sandbox ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN)
                        .build()
                : null;
        if (key != null) {
            GuardReasons.keyGrantsByAccountPolicy(key);
        }
        this.table = Table.Builder.create(this, "Resource")
                .partitionKey(stringAttribute(TableSchema.PK))
                .sortKey(stringAttribute(TableSchema.SK))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                // Data outlives a mistaken `cdk destroy` unless the deployment is explicitly a sandbox.
                .removalPolicy(sandbox ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN)
                .deletionProtection(!sandbox)
                .encryption(key != null ? TableEncryption.CUSTOMER_MANAGED : TableEncryption.DEFAULT)
                .encryptionKey(key)
                // Bookkeeping items (remembered idempotency keys) carry an expiry; DynamoDB deletes them after it.
                .timeToLiveAttribute(TableSchema.TTL)
                // Every change as an old/new image pair, for the stream consumer (NorthwindStreamConsumer) that keeps
                // the derived items. Enabling a stream is an in-place update of the table (no replacement).
                .stream(STREAM_VIEW_TYPE)
                .build();
        if (key == null) {
            GuardReasons.awsOwnedTableKey(table);
        }
        for (TableIndex index : TableIndex.values()) {
            table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                    .indexName(index.indexName())
                    .partitionKey(stringAttribute(index.partitionKey()))
                    .sortKey(stringAttribute(index.sortKey()))
                    .projectionType(ProjectionType.ALL)
                    .build());
        }
    }

    /** The table, typed as {@link ITable} so consumers in other stacks depend on the interface only. */
    public ITable getTable() {
        return table;
    }

    private static Attribute stringAttribute(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
