package com.example.northwind.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.northwind.schema.FunctionContract;
import com.example.northwind.testsupport.SynthesizedApp;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract infra deploys is the one the Lambdas implement. */
class FunctionContractTest {

    @Test
    void handlers_nameLambdaHandlerClasses() throws Exception {
        // GIVEN the handler strings of the contract / WHEN their classes are loaded
        // THEN the query and command handlers stream and the seeder handler is a typed handler
        assertTrue(RequestStreamHandler.class.isAssignableFrom(
                Class.forName(FunctionContract.handlerClass(FunctionContract.QUERY_HANDLER))));
        assertTrue(RequestStreamHandler.class.isAssignableFrom(
                Class.forName(FunctionContract.handlerClass(FunctionContract.COMMAND_HANDLER))));
        assertTrue(RequestHandler.class.isAssignableFrom(
                Class.forName(FunctionContract.handlerClass(FunctionContract.SEEDER_HANDLER))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void seedBudget_fitsInsideTheDeployedSeederTimeout() {
        // GIVEN the seeder function as synthesized
        Map<String, Object> seeder = TemplateJson.properties(TemplateJson.onlyResource(SynthesizedApp.defaults().service(),
                "AWS::Lambda::Function", Map.of("Handler", FunctionContract.SEEDER_HANDLER)).getValue());
        Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) seeder.get("Environment")).get("Variables");

        // WHEN / THEN it gets the contract's budget, and the budget leaves a minute of its timeout
        assertEquals(String.valueOf(FunctionContract.SEED_TIME_BUDGET_SECONDS), env.get(FunctionContract.ENV_SEED_TIME_BUDGET));
        assertTrue(FunctionContract.SEED_TIME_BUDGET_SECONDS + 60 <= ((Number) seeder.get("Timeout")).intValue());
    }
}
