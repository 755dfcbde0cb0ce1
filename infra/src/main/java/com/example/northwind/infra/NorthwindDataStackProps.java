package com.example.northwind.infra;

/** Properties of {@link NorthwindDataStack}. */
public final class NorthwindDataStackProps {
    private final boolean sandbox;

    private NorthwindDataStackProps(Builder builder) {
        this.sandbox = builder.sandbox;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A throw-away deployment: the table is destroyed with the stack, and neither the table nor the
     * stack is protected against deletion.
     *
     * @default false
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

        public NorthwindDataStackProps build() {
            return new NorthwindDataStackProps(this);
        }
    }
}
