package com.example.northwind.infra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

class SandboxContextTest {

    @Test
    void sandbox_isFalse_whenAbsent() {
        // GIVEN no context value / WHEN parsed / THEN production
        assertFalse(SandboxContext.parse(null));
    }

    @Test
    void sandbox_acceptsTrueAndFalse_asCliStringsOrJsonBooleans() {
        // GIVEN the values -c passes (strings) and cdk.json could hold (booleans)
        // WHEN parsed / THEN they mean what they say
        assertTrue(SandboxContext.parse("true"));
        assertTrue(SandboxContext.parse("TRUE"));
        assertFalse(SandboxContext.parse("false"));
        assertTrue(SandboxContext.parse(Boolean.TRUE));
        assertFalse(SandboxContext.parse(Boolean.FALSE));
    }

    @Test
    void fails_whenSandboxIsNotTrueOrFalse() {
        // GIVEN a typo that must not silently pick production or sandbox
        // WHEN parsed
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SandboxContext.parse("yes"));

        // THEN the error names the flag, the value and what is accepted
        assertTrue(e.getMessage().contains("'sandbox'"), e.getMessage());
        assertTrue(e.getMessage().contains("'yes'"), e.getMessage());
        assertTrue(e.getMessage().contains("true or false"), e.getMessage());
    }

    @Test
    void fails_whenAppContextSandboxIsInvalid() {
        // GIVEN an app whose context carries a bad sandbox value
        App app = new App(AppProps.builder().context(Map.of(SandboxContext.KEY, "maybe")).build());

        // WHEN the stacks are composed / THEN it stops before creating anything, naming the value
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NorthwindApp.compose(app));
        assertTrue(e.getMessage().contains("'maybe'"), e.getMessage());
    }
}
