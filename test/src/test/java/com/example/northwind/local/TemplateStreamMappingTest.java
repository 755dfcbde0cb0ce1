package com.example.northwind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.local.stream.MappingSettings;
import com.example.northwind.local.stream.StreamConsumer;
import com.example.northwind.model.StreamSources;
import com.example.northwind.schema.FunctionContract;
import com.example.northwind.testsupport.LocalDynamo;
import com.example.northwind.testsupport.ScriptedStreamHandler;
import com.example.northwind.testsupport.StreamMappingHarness;
import com.example.northwind.testsupport.SynthesizedApp;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * The local mapping's settings come from the synthesized template, as the table does: read from the deployed app, and
 * followed when the template says otherwise (a copy of the cloud assembly with the mapping changed).
 */
class TemplateStreamMappingTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @Test
    void theAppsMapping_isReadWithEverySetting() {
        // GIVEN the synthesized app / WHEN the mapping on the table's stream is read
        CloudAssembly assembly = CloudAssembly.read(SynthesizedApp.defaults().assemblyDir());
        TemplateStreamMapping.Found found = TemplateStreamMapping.find(assembly, "northwind").orElseThrow();

        // THEN the settings the app deploys, the stream function behind its live alias
        MappingSettings s = found.settings();
        assertEquals(500, s.batchSize());
        assertEquals(Duration.ofSeconds(1), s.maxBatchingWindow());
        assertEquals(StreamSources.FILTER_PATTERNS, s.filterPatterns());
        assertTrue(s.reportBatchItemFailures());
        assertTrue(s.bisectOnError());
        assertEquals(10, s.maxRetryAttempts());
        assertEquals(Duration.ofHours(6), s.maxRecordAge());
        assertEquals(1, s.parallelizationFactor());
        assertEquals("TRIM_HORIZON", s.startingPosition());
        assertTrue(s.failureDestination());
        assertTrue(s.enabled());
        assertEquals(FunctionContract.STREAM_HANDLER, found.function().properties().get("Handler"));
        assertEquals("live", found.qualifier());
    }

    @Test
    void aChangedMapping_isFollowedByTheLocalRun(@TempDir Path dir) throws Exception {
        // GIVEN a copy of the app whose mapping has BatchSize 3, no batching window, one filter, no destination
        Path assembly = copyOfAssembly(dir);
        editMapping(assembly, properties -> {
            properties.put("BatchSize", 3);
            properties.put("MaximumBatchingWindowInSeconds", 0);
            properties.put("FilterCriteria", Map.of("Filters", List.of(Map.of("Pattern",
                    "{\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[{\"prefix\":\"KEEP#\"}]}}}}"))));
            properties.remove("DestinationConfig");
        });
        // AND the table as that template defines it, holding seven changes to keep and three others
        LocalDynamo ddb = LocalDynamo.start();
        String table = "template-followed";
        CloudAssembly cloud = CloudAssembly.read(assembly);
        CreateTableRequest request = TemplateTable.createTableRequest(cloud.onlyResource(SeedEventFactory.DATA_STACK,
                SeedEventFactory.TABLE_RESOURCE_TYPE).properties(), table);
        TableProvisioner.ensureTable(ddb.dynamo(), request);
        for (int i = 1; i <= 10; i++) {
            String pk = i % 3 == 0 ? "DROP#" + i : "KEEP#" + i;
            ddb.dynamo().putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("X"))));
        }
        ScriptedStreamHandler handler = ScriptedStreamHandler.succeeding();

        // WHEN the local run starts its stream consumer from that template
        Optional<StreamConsumer> consumer = StreamConsumerLauncher.start(cloud, ddb.endpoint(), table, null, QUIET,
                dynamo -> handler, Clock.systemUTC(), StreamMappingHarness.TEST_TIMING);
        try {
            assertTrue(consumer.orElseThrow().awaitCaughtUp(StreamMappingHarness.CATCH_UP_TIMEOUT));
            // THEN it follows it: batches of at most three, only the kept items, and no failure destination
            assertEquals(List.of(3, 3, 1), handler.invocations().stream().map(ScriptedStreamHandler.Invocation::size).toList());
            assertTrue(handler.donePartitionKeys().stream().allMatch(pk -> pk.startsWith("KEEP#")), handler.donePartitionKeys().toString());
            assertEquals("none", consumer.get().failureDestination());
            assertEquals(3, consumer.get().settings().batchSize());
        } finally {
            consumer.ifPresent(StreamConsumer::close);
        }
    }

    @Test
    void aSettingTheLocalMappingCannotHonour_isRefusedByName(@TempDir Path dir) throws IOException {
        // GIVEN a copy of the app whose mapping uses tumbling windows
        Path assembly = copyOfAssembly(dir);
        editMapping(assembly, properties -> properties.put("TumblingWindowInSeconds", 60));

        // WHEN it is read / THEN refused, naming the setting and the mapping
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TemplateStreamMapping.find(CloudAssembly.read(assembly), "northwind"));
        assertTrue(e.getMessage().contains("TumblingWindowInSeconds") && e.getMessage().contains("StreamConsumer"), e.getMessage());
    }

    @Test
    void anAppWithoutAMapping_runsWithoutAStreamConsumer(@TempDir Path dir) throws IOException {
        // GIVEN a copy of the app without the event source mapping (one synthesized before it existed)
        Path assembly = copyOfAssembly(dir);
        Path template = assembly.resolve("NorthwindService.template.json");
        Map<String, Object> json = JSON.std.mapFrom(Files.readString(template));
        resources(json).values().removeIf(r -> TemplateStreamMapping.MAPPING_TYPE.equals(((Map<?, ?>) r).get("Type")));
        Files.writeString(template, JSON.std.asString(json));

        // WHEN / THEN no mapping is found, and the local run starts no consumer (and says nothing about one)
        assertFalse(TemplateStreamMapping.find(CloudAssembly.read(assembly), "northwind").isPresent());
    }

    /** The assembly's JSON files (manifest, templates): what the local run reads, without the assets. */
    static Path copyOfAssembly(Path dir) throws IOException {
        Path source = SynthesizedApp.defaults().assemblyDir();
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    @SuppressWarnings("unchecked")
    private static void editMapping(Path assembly, Consumer<Map<String, Object>> edit) throws IOException {
        Path template = assembly.resolve("NorthwindService.template.json");
        Map<String, Object> json = JSON.std.mapFrom(Files.readString(template));
        Map<String, Object> mapping = (Map<String, Object>) resources(json).values().stream()
                .filter(r -> TemplateStreamMapping.MAPPING_TYPE.equals(((Map<?, ?>) r).get("Type"))).findFirst().orElseThrow();
        edit.accept((Map<String, Object>) mapping.get("Properties"));
        Files.writeString(template, JSON.std.asString(json));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resources(Map<String, Object> template) {
        return (Map<String, Object>) template.get("Resources");
    }
}
