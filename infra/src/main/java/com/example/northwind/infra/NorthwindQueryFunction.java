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
 * The read-only query Lambda: every access pattern of docs/key-design.md behind one handler.
 *
 * <p>SnapStart restores a snapshot of the initialised JVM instead of booting it, which only applies to
 * published versions; callers therefore invoke the alias {@value #ALIAS_NAME}, which always points at
 * the version published from the current code.
 */
public class NorthwindQueryFunction extends Construct {
    public static final String HANDLER = FunctionContract.QUERY_HANDLER;
    public static final String ALIAS_NAME = JavaFunctions.LIVE_ALIAS;

    private final Function function;
    private final Alias alias;

    public NorthwindQueryFunction(Construct scope, String id, NorthwindFunctionProps props) {
        super(scope, id);
        this.function = JavaFunctions.create(this, props, new JavaFunctions.Spec(
                "Answers the Northwind access patterns from the single table (read-only)",
                HANDLER, 1024, FunctionContract.QUERY_TIMEOUT_SECONDS, Map.of(), List.of(), true));
        NorthwindTableGrants.grantQueryAccess(props.table(), function);
        new PageTokenSecret(this, "PageTokenKey").grantReadTo(function);
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
