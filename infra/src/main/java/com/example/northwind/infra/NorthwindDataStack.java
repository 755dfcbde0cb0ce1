package com.example.northwind.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.constructs.Construct;

/**
 * The stateful stack: the table (and its key, when customer-managed) and nothing else, so the service
 * stack can be changed, replaced or destroyed freely without putting the data at risk.
 */
public class NorthwindDataStack extends Stack {
    private final NorthwindTable table;

    /**
     * Termination protection defaults to on (off for a sandbox); an explicit {@code terminationProtection}
     * in the props wins.
     */
    public NorthwindDataStack(Construct scope, String id, NorthwindDataStackProps props) {
        super(scope, id, props.withDefaults("Northwind single-table design: the DynamoDB table (stateful)",
                !props.isSandbox()));
        this.table = new NorthwindTable(this, "Table",
                new NorthwindTableProps(props.isSandbox(), props.isCustomerManagedKey()));
        CfnOutput.Builder.create(this, "TableName").value(getTable().getTableName()).build();
        CfnOutput.Builder.create(this, "TableArn").value(getTable().getTableArn()).build();
    }

    /** The table, for the service stack. */
    public ITable getTable() {
        return table.getTable();
    }
}
