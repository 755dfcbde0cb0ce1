package com.example.northwind.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.northwind.schema.FunctionContract;
import com.example.northwind.testsupport.SynthesizedApp;
import java.lang.reflect.Method;
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
    void isCompleteHandler_isAPublicMethodOfTheSeederHandlerTakingTheEventAndContext() throws Exception {
        // GIVEN the isComplete handler string / WHEN its class and method are looked up
        String handler = FunctionContract.SEEDER_IS_COMPLETE_HANDLER;
        Class<?> type = Class.forName(FunctionContract.handlerClass(handler));
        Method method = type.getMethod(handler.substring(handler.indexOf("::") + 2), Map.class, Context.class);

        // THEN it is the seeder's class, and the method answers a Map (Lambda serializes it as the JSON answer)
        assertEquals(FunctionContract.handlerClass(FunctionContract.SEEDER_HANDLER), type.getName());
        assertEquals(Map.class, method.getReturnType());
    }

    @Test
    void pollingTimes_fitTheProviderFrameworkAndCloudFormation() {
        // GIVEN the query interval and the total timeout of the asynchronous custom resources
        // WHEN / THEN the interval divides the timeout (the framework derives the number of polls from both; it
        // refuses a remainder), and the timeout is at most CloudFormation's one hour for a custom resource
        assertEquals(0, FunctionContract.SEED_TOTAL_TIMEOUT_SECONDS % FunctionContract.SEED_QUERY_INTERVAL_SECONDS);
        assertTrue(FunctionContract.SEED_TOTAL_TIMEOUT_SECONDS <= 3_600);
        // AND a poll (one seeder invocation, at most its timeout) is a small part of it
        assertTrue(FunctionContract.SEEDER_TIMEOUT_SECONDS * 10 <= FunctionContract.SEED_TOTAL_TIMEOUT_SECONDS);
    }

    @Test
    void phases_areNamedOnceAndDiffer() {
        // GIVEN the Phase values / WHEN / THEN expand and contract, distinct, on distinct resource types
        assertEquals("expand", FunctionContract.PHASE_EXPAND);
        assertEquals("contract", FunctionContract.PHASE_CONTRACT);
        assertTrue(!FunctionContract.SEED_RESOURCE_TYPE.equals(FunctionContract.MIGRATION_CONTRACT_RESOURCE_TYPE));
        assertEquals("_MIGRATION#", FunctionContract.MIGRATION_CHECKPOINT_PK_PREFIX);
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
