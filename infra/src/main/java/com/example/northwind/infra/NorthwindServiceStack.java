package com.example.northwind.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/** The stateless stack: the seeder and the query function, working on the table of the data stack. */
public class NorthwindServiceStack extends Stack {
    private final NorthwindSeeder seeder;
    private final NorthwindQueryFunction query;

    public NorthwindServiceStack(Construct scope, String id, NorthwindServiceStackProps props) {
        super(scope, id, StackProps.builder()
                .description("Northwind single-table design: seeder and query Lambda (stateless)")
                .build());
        this.seeder = new NorthwindSeeder(this, "Seeder", NorthwindSeederProps.builder()
                .table(props.getTable())
                .dataDir(props.getDataDir())
                .build());
        this.query = new NorthwindQueryFunction(this, "Query", NorthwindQueryFunctionProps.builder()
                .table(props.getTable())
                .build());
        CfnOutput.Builder.create(this, "QueryFunctionName").value(query.getFunction().getFunctionName()).build();
        CfnOutput.Builder.create(this, "QueryAliasArn").value(query.getAlias().getFunctionArn()).build();
        CfnOutput.Builder.create(this, "SeededItems").value(seeder.getSeededItems()).build();
    }

    public NorthwindSeeder getSeeder() {
        return seeder;
    }

    public NorthwindQueryFunction getQuery() {
        return query;
    }
}
