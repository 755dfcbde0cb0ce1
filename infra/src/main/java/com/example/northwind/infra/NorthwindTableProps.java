package com.example.northwind.infra;

/**
 * Properties of {@link NorthwindTable}.
 *
 * @param sandbox            a throw-away table: deleted with its stack and without deletion protection.
 *                           @default false (retained on stack deletion and protected against deletion)
 * @param customerManagedKey encrypt with a customer-managed KMS key (rotated) instead of the AWS owned key.
 *                           @default false
 */
public record NorthwindTableProps(boolean sandbox, boolean customerManagedKey) {
    /** A production table under the AWS owned key. */
    public static NorthwindTableProps defaults() {
        return new NorthwindTableProps(false, false);
    }
}
