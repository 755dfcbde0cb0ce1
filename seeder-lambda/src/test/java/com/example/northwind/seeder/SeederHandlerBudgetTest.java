package com.example.northwind.seeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SeederHandlerBudgetTest {

    @Test
    void budget_isKept_whenTheInvocationHasTimeToSpare() {
        // GIVEN the default 240 s budget WHEN 300 s of the Lambda timeout remain
        SeedOptions options = SeedOptions.defaults();
        // THEN the budget is unchanged
        assertSame(options, SeederHandler.withinRemainingTime(options, 300_000));
    }

    @Test
    void budget_shrinks_soTheSeedFailsBeforeTheLambdaTimeout() {
        // GIVEN the default 240 s budget WHEN a slow cold start left only 200 s of the timeout
        SeedOptions shortened = SeederHandler.withinRemainingTime(SeedOptions.defaults(), 200_000);
        // THEN the budget ends one bounded DynamoDB call plus a margin before the timeout
        assertEquals(Duration.ofMillis(200_000 - SeederHandler.LAMBDA_TIMEOUT_MARGIN_MILLIS), shortened.timeBudget());
        assertEquals(SeedOptions.defaults().concurrency(), shortened.concurrency());
    }

    @Test
    void budget_neverDropsBelowOneSecond() {
        assertEquals(Duration.ofSeconds(1), SeederHandler.withinRemainingTime(SeedOptions.defaults(), 20_000).timeBudget());
    }
}
