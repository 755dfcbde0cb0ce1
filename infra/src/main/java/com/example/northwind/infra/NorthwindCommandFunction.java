package com.example.northwind.infra;

import com.example.northwind.schema.FunctionContract;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IAlias;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The command Lambda: the write side (placeOrder, shipOrder, cancelOrder, the updates, territory assignments),
 * each command a few strongly consistent reads of the table and one TransactWriteItems that keeps every copy of
 * what it changes in step.
 *
 * <p>Shaped like {@link NorthwindQueryFunction}: SnapStart on published versions, callers invoke the alias
 * {@value #ALIAS_NAME}. Its role may write items of the table (no batch writes, no Scan, no index reads, no table
 * management): {@link NorthwindTableGrants#grantCommandAccess}. The timeout
 * ({@link FunctionContract#COMMAND_TIMEOUT_SECONDS}) leaves room for a command that lost a race to read and write
 * again.
 */
public class NorthwindCommandFunction extends Construct {
    public static final String HANDLER = FunctionContract.COMMAND_HANDLER;
    public static final String ALIAS_NAME = JavaFunctions.LIVE_ALIAS;

    private final Function function;
    private final Alias alias;

    public NorthwindCommandFunction(Construct scope, String id, NorthwindFunctionProps props) {
        super(scope, id);
        this.function = JavaFunctions.create(this, props, new JavaFunctions.Spec(
                "Runs the Northwind commands: transactional writes that keep every copy in the single table consistent",
                HANDLER, 1024, FunctionContract.COMMAND_TIMEOUT_SECONDS, Map.of(), List.of(), true));
        NorthwindTableGrants.grantCommandAccess(props.table(), function);
        this.alias = JavaFunctions.liveAlias(this, function);
    }

    /** The function (unqualified). */
    public IFunction getFunction() {
        return function;
    }

    /** The {@value #ALIAS_NAME} alias: what clients invoke, so they get the SnapStart version. */
    public IAlias getAlias() {
        return alias;
    }
}
