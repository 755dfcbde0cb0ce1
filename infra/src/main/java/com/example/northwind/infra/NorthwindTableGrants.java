package com.example.northwind.infra;

import com.example.northwind.schema.TableIndex;
import java.util.List;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;

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
    /** What the seeder calls: batched puts/deletes, and a keys-only Scan to find items whose rows are gone. */
    public static final List<String> SEED_ACTIONS = List.of("dynamodb:BatchWriteItem", "dynamodb:Scan");

    private NorthwindTableGrants() {
    }

    /** GetItem and Query on the table and on its named indexes only (no Scan, no writes). */
    public static Grant grantQueryAccess(ITable table, IGrantable grantee) {
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(QUERY_ACTIONS)
                .resourceArns(tableAndIndexArns(table))
                .build());
    }

    /** BatchWriteItem and Scan on the table only: no index, no table management. */
    public static Grant grantSeedAccess(ITable table, IGrantable grantee) {
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(SEED_ACTIONS)
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
