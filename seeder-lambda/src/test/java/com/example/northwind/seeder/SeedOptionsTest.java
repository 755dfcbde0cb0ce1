package com.example.northwind.seeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SeedOptionsTest {
    @Test
    void backoff_isFullJitterUnderAnExponentialCeilingWithACap() {
        // GIVEN base 100 ms, cap 1 s and a random source at its top (0.999...) or bottom (0)
        SeedOptions top = SeedOptions.builder().baseBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(1))
                .random(() -> 0.9999999).build();
        SeedOptions bottom = top.toBuilder().random(() -> 0.0).build();
        // WHEN asked for retry delays THEN they grow as base * 2^attempt up to the cap, and can be zero
        assertEquals(199, top.backoffMillis(1));
        assertEquals(399, top.backoffMillis(2));
        assertEquals(799, top.backoffMillis(3));
        assertEquals(999, top.backoffMillis(4));
        assertEquals(999, top.backoffMillis(60));
        assertEquals(0, bottom.backoffMillis(3));
    }

    @Test
    void naive_writesOneCallAtATime() {
        // GIVEN the naive preset and the defaults WHEN inspected THEN one call in flight against the documented
        // four (README: "25 items a call, 4 calls in flight") and the documented 240 s budget
        assertEquals(1, SeedOptions.naive().concurrency());
        assertEquals(4, SeedOptions.defaults().concurrency());
        assertEquals(Duration.ofSeconds(240), SeedOptions.defaults().timeBudget());
    }

    @Test
    void fails_whenConcurrencyIsNotPositive() {
        // GIVEN concurrency 0 WHEN built THEN a clear error
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SeedOptions.builder().concurrency(0).build());
        assertEquals("concurrency must be at least 1, was 0", e.getMessage());
    }

    @Test
    void handlerBudget_comesFromTheEnvironment_andRejectsNonsense() {
        // GIVEN SEED_TIME_BUDGET_SECONDS values WHEN read THEN a number sets the budget, junk is named
        assertEquals(Duration.ofSeconds(90), SeederHandler.optionsFromEnv("90").timeBudget());
        assertEquals(Duration.ofSeconds(240), SeederHandler.optionsFromEnv(null).timeBudget());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SeederHandler.optionsFromEnv("soon"));
        assertEquals("environment variable SEED_TIME_BUDGET_SECONDS must be a positive number of seconds, was \"soon\"",
                e.getMessage());
    }
}
