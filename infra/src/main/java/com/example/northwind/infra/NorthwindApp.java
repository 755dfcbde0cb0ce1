package com.example.northwind.infra;

import software.amazon.awscdk.App;

/** The CDK app: the stateful data stack and the service stack that works on its table. */
public final class NorthwindApp {
    /** The two stacks of one app. */
    public record Stacks(NorthwindDataStack data, NorthwindServiceStack service) {
    }

    /** Adds both stacks to {@code app}; the tests call this too, so they check the deployed wiring. */
    public static Stacks compose(App app) {
        var data = new NorthwindDataStack(app, "NorthwindData",
                NorthwindDataStackProps.builder().sandbox(SandboxContext.isSandbox(app.getNode())).build());
        var service = new NorthwindServiceStack(app, "NorthwindService",
                NorthwindServiceStackProps.builder().table(data.getTable()).build());
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
