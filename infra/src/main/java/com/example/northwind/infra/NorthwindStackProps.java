package com.example.northwind.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.IPropertyInjector;
import software.amazon.awscdk.IStackSynthesizer;
import software.amazon.awscdk.PermissionsBoundary;
import software.amazon.awscdk.StackProps;

/**
 * The {@link StackProps} part of this app's stack props: env, synthesizer, termination protection, stack
 * name, tags and the rest stay the caller's to set. Subclasses add the stack's own properties.
 */
public abstract class NorthwindStackProps implements StackProps {
    private final StackProps stack;

    protected NorthwindStackProps(StackProps stack) {
        this.stack = stack == null ? StackProps.builder().build() : stack;
    }

    /**
     * A copy of the StackProps with a description and termination protection filled in where the caller
     * set none (what the stack passes to {@code super}).
     */
    StackProps withDefaults(String description, boolean terminationProtection) {
        return StackProps.builder()
                .analyticsReporting(getAnalyticsReporting())
                .crossRegionReferences(getCrossRegionReferences())
                .description(getDescription() != null ? getDescription() : description)
                .env(getEnv())
                .notificationArns(getNotificationArns())
                .permissionsBoundary(getPermissionsBoundary())
                .propertyInjectors(getPropertyInjectors())
                .stackName(getStackName())
                .suppressTemplateIndentation(getSuppressTemplateIndentation())
                .synthesizer(getSynthesizer())
                .tags(getTags())
                .terminationProtection(getTerminationProtection() != null ? getTerminationProtection() : terminationProtection)
                .build();
    }

    @Override public Boolean getAnalyticsReporting() { return stack.getAnalyticsReporting(); }
    @Override public Boolean getCrossRegionReferences() { return stack.getCrossRegionReferences(); }
    @Override public String getDescription() { return stack.getDescription(); }
    @Override public Environment getEnv() { return stack.getEnv(); }
    @Override public List<String> getNotificationArns() { return stack.getNotificationArns(); }
    @Override public PermissionsBoundary getPermissionsBoundary() { return stack.getPermissionsBoundary(); }
    @Override public List<IPropertyInjector> getPropertyInjectors() { return stack.getPropertyInjectors(); }
    @Override public String getStackName() { return stack.getStackName(); }
    @Override public Boolean getSuppressTemplateIndentation() { return stack.getSuppressTemplateIndentation(); }
    @Override public IStackSynthesizer getSynthesizer() { return stack.getSynthesizer(); }
    @Override public Map<String, String> getTags() { return stack.getTags(); }
    @Override public Boolean getTerminationProtection() { return stack.getTerminationProtection(); }
}
