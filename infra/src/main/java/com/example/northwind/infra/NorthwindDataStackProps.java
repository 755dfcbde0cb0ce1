package com.example.northwind.infra;

import software.amazon.awscdk.StackProps;

/** Properties of {@link NorthwindDataStack}: its {@link StackProps} and the table's settings. */
public final class NorthwindDataStackProps extends NorthwindStackProps {
    private final boolean sandbox;
    private final boolean customerManagedKey;

    private NorthwindDataStackProps(Builder builder) {
        super(builder.stack);
        this.sandbox = builder.sandbox;
        this.customerManagedKey = builder.customerManagedKey;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A throw-away deployment: the table is destroyed with the stack, and neither the table nor the
     * stack is protected against deletion (unless {@code terminationProtection} is set explicitly).
     *
     * @default false
     */
    public boolean isSandbox() {
        return sandbox;
    }

    /**
     * Encrypt the table with a customer-managed KMS key (created in this stack, rotated yearly) instead of
     * the AWS owned key.
     *
     * @default false
     */
    public boolean isCustomerManagedKey() {
        return customerManagedKey;
    }

    public static final class Builder {
        private StackProps stack;
        private boolean sandbox;
        private boolean customerManagedKey;

        /** env, synthesizer, termination protection, stack name, tags... @default none set */
        public Builder stackProps(StackProps stack) {
            this.stack = stack;
            return this;
        }

        public Builder sandbox(boolean sandbox) {
            this.sandbox = sandbox;
            return this;
        }

        public Builder customerManagedKey(boolean customerManagedKey) {
            this.customerManagedKey = customerManagedKey;
            return this;
        }

        public NorthwindDataStackProps build() {
            return new NorthwindDataStackProps(this);
        }
    }
}
