package com.example.northwind.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaJarTest {

    @Test
    void jar_isFoundUnderModuleTarget(@TempDir Path root) throws IOException {
        // GIVEN a project whose query-lambda module has been packaged
        Path jar = root.resolve("query-lambda/target/query-lambda.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[] {1});

        // WHEN the jar is looked up / THEN it is that file
        assertEquals(jar.toAbsolutePath().normalize(), LambdaJar.of(root, "query-lambda"));
    }

    @Test
    void fails_whenLambdaJarIsMissing(@TempDir Path root) {
        // GIVEN a project where seeder-lambda was never built
        // WHEN the jar is looked up
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LambdaJar.of(root, "seeder-lambda"));

        // THEN the error names the missing jar and the command that builds it
        assertTrue(e.getMessage().contains("seeder-lambda/target/seeder-lambda.jar"), e.getMessage());
        assertTrue(e.getMessage().contains("mvn -B -q -pl seeder-lambda -am package -DskipTests"), e.getMessage());
    }
}
