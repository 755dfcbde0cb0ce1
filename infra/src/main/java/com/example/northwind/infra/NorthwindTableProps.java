package com.example.northwind.infra;

/** Properties of {@link NorthwindTable}. */
public final class NorthwindTableProps {
    private final boolean sandbox;

    private NorthwindTableProps(Builder builder) {
        this.sandbox = builder.sandbox;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A throw-away table: deleted with its stack and without deletion protection.
     *
     * @default false (the table is retained on stack deletion and protected against deletion)
     */
    public boolean isSandbox() {
        return sandbox;
    }

    public static final class Builder {
        private boolean sandbox;

        public Builder sandbox(boolean sandbox) {
            this.sandbox = sandbox;
            return this;
        }

        public NorthwindTableProps build() {
            return new NorthwindTableProps(this);
        }
    }
}
