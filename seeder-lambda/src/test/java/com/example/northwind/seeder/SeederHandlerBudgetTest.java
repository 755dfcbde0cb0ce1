package com.example.northwind.seeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void budget_shrinks_soTheSeedStopsAtItsCheckpointBeforeTheLambdaTimeout() {
        // GIVEN the default 240 s budget WHEN a slow cold start left only 200 s of the timeout
        SeedOptions shortened = SeederHandler.withinRemainingTime(SeedOptions.defaults(), 200_000);
        // THEN a call that starts at the very end of the budget and the checkpoint written after it (each bounded by
        // the SDK call timeout) still end before the Lambda timeout, with seconds to spare for the answer; and most of
        // the time is still usable
        long worstCaseEnd = shortened.timeBudget().plus(SeederHandler.API_CALL_TIMEOUT.multipliedBy(2)).toMillis();
        assertTrue(worstCaseEnd <= 200_000 - 5_000, "budget " + shortened.timeBudget() + " leaves no time to answer");
        assertTrue(shortened.timeBudget().toMillis() >= 130_000, "budget " + shortened.timeBudget() + " wastes the invocation");
        assertEquals(4, shortened.concurrency());
    }

    @Test
    void budget_neverDropsBelowOneSecond() {
        assertEquals(Duration.ofSeconds(1), SeederHandler.withinRemainingTime(SeedOptions.defaults(), 50_000).timeBudget());
    }
}
