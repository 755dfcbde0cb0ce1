package com.example.northwind.infra;

import java.util.Objects;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Properties of the Northwind functions ({@link NorthwindQueryFunction}, {@link NorthwindCommandFunction}; the
 * seeder's function in {@link NorthwindSeeder} takes them too, plus its data folder).
 *
 * @param table         the table the function works on (required)
 * @param code          what the function runs: a shaded jar (required)
 * @param logRetention  how long its logs are kept. @default {@link #DEFAULT_LOG_RETENTION} (one year: the
 *                      seeds and queries of the past year stay auditable, as the Control Tower baseline asks)
 * @param logEncryption KMS key for its log group. @default none (CloudWatch Logs' own encryption)
 */
public record NorthwindFunctionProps(ITable table, Code code, RetentionDays logRetention, IKey logEncryption) {
    public static final RetentionDays DEFAULT_LOG_RETENTION = RetentionDays.ONE_YEAR;

    public NorthwindFunctionProps {
        Objects.requireNonNull(table, "table is required");
        Objects.requireNonNull(code, "code is required");
        logRetention = logRetention != null ? logRetention : DEFAULT_LOG_RETENTION;
    }

    /** The required properties; the rest default. */
    public static NorthwindFunctionProps of(ITable table, Code code) {
        return new NorthwindFunctionProps(table, code, null, null);
    }

    /** The same, with logs encrypted under {@code key} (null: none). */
    public NorthwindFunctionProps withLogEncryption(IKey key) {
        return new NorthwindFunctionProps(table, code, logRetention, key);
    }
}
