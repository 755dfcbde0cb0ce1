package com.example.northwind.infra;

import com.example.northwind.schema.NorthwindData;
import software.amazon.awscdk.App;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The CDK app: the stateful data stack and the service stack that works on its table. It only wires: it
 * finds the built jars and the data folder and reads the context flags, and passes them as props.
 */
public final class NorthwindApp {
    /** The two stacks of one app. */
    public record Stacks(NorthwindDataStack data, NorthwindServiceStack service) {
    }

    /** Adds both stacks to {@code app}; the tests call this too, so they check the deployed wiring. */
    public static Stacks compose(App app) {
        boolean keys = ContextFlags.bool(app.getNode(), ContextFlags.CUSTOMER_MANAGED_KEYS);
        var data = new NorthwindDataStack(app, "NorthwindData", NorthwindDataStackProps.builder()
                .sandbox(SandboxContext.isSandbox(app.getNode()))
                .customerManagedKey(keys)
                .build());
        var service = new NorthwindServiceStack(app, "NorthwindService", NorthwindServiceStackProps.builder()
                .table(data.getTable())
                .queryCode(Code.fromAsset(LambdaJar.of("query-lambda").toString()))
                .commandCode(Code.fromAsset(LambdaJar.of("command-lambda").toString()))
                .seederCode(Code.fromAsset(LambdaJar.of("seeder-lambda").toString()))
                .streamCode(Code.fromAsset(LambdaJar.of("stream-lambda").toString()))
                .dataDir(NorthwindData.locate())
                .customerManagedKey(keys)
                .alarmTopic(ContextFlags.bool(app.getNode(), ContextFlags.ALARM_TOPIC))
                .alarmEmail(ContextFlags.text(app.getNode(), ContextFlags.ALARM_EMAIL))
                .jwtIssuer(ContextFlags.text(app.getNode(), ContextFlags.JWT_ISSUER))
                .jwtAudience(ContextFlags.list(app.getNode(), ContextFlags.JWT_AUDIENCE))
                .corsOrigins(ContextFlags.list(app.getNode(), ContextFlags.CORS_ORIGINS))
                .build());
        return new Stacks(data, service);
    }

    public static void main(String[] args) {
        try {
            App app = new App();
            compose(app);
            app.synth();
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Bad input (missing jar or data folder, bad context flag): say what is wrong, not a stack trace.
            System.err.println("NorthwindApp: " + e.getMessage());
            System.exit(1);
        }
    }

    private NorthwindApp() {
    }
}
