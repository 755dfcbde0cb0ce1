package com.example.northwind.infra;

import java.util.Objects;
import software.amazon.awscdk.services.dynamodb.ITable;

/** Properties of {@link NorthwindQueryFunction}. */
public final class NorthwindQueryFunctionProps {
    private final ITable table;

    private NorthwindQueryFunctionProps(Builder builder) {
        this.table = Objects.requireNonNull(builder.table, "NorthwindQueryFunctionProps.table is required");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The table to query (required). */
    public ITable getTable() {
        return table;
    }

    public static final class Builder {
        private ITable table;

        public Builder table(ITable table) {
            this.table = table;
            return this;
        }

        public NorthwindQueryFunctionProps build() {
            return new NorthwindQueryFunctionProps(this);
        }
    }
}
