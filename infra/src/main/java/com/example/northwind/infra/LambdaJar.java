package com.example.northwind.infra;

import com.example.northwind.schema.NorthwindData;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a Lambda module's shaded jar ({@code <module>/target/<module>.jar}) to deploy as a code asset.
 *
 * <p>Checked up front because a missing asset otherwise surfaces as a jsii error deep inside synthesis
 * that names neither the module nor the command that builds it.
 */
public final class LambdaJar {
    private LambdaJar() {
    }

    /** The jar of {@code module} under the project root (the folder holding cdk.json). */
    public static Path of(String module) {
        return of(NorthwindData.projectRoot(), module);
    }

    /**
     * The jar of {@code module} under {@code projectRoot}.
     *
     * @throws IllegalStateException naming the missing jar and the Maven command that builds it
     */
    public static Path of(Path projectRoot, String module) {
        Path jar = projectRoot.resolve(module).resolve("target").resolve(module + ".jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Lambda jar not found: " + jar + ". Build it first: mvn -B -q -pl "
                    + module + " -am package -DskipTests (from " + projectRoot.toAbsolutePath().normalize() + ").");
        }
        return jar;
    }
}
