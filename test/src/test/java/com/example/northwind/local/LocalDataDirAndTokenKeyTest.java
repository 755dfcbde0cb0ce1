package com.example.northwind.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.schema.NorthwindData;
import com.example.northwind.seeder.SeederHandler;
import com.example.northwind.testsupport.NorthwindCsv;
import com.example.northwind.testsupport.SynthesizedApp;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run-local's --data-dir, --allow-mass-delete and nextToken key handling, without starting the whole stack. */
class LocalDataDirAndTokenKeyTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @Test
    void runLocalScript_synthesizesFromTheDataDirItSeeds() throws IOException {
        // GIVEN run-local.sh / THEN the folder it synthesizes from is --data-dir when given (NORTHWIND_DIR otherwise),
        // and the synthesis and LocalRun both get it: a template of another folder would end in a checksum mismatch
        String script = Files.readString(NorthwindData.projectRoot().resolve("run-local.sh"));
        assertTrue(script.contains("if [ \"${args[i]}\" = \"--data-dir\" ]"), "run-local.sh must read --data-dir");
        assertTrue(script.contains("NORTHWIND_DIR=\"$DATA_DIR\" npx --no-install cdk synth"), "synthesis must use DATA_DIR");
    }

    @Test
    void dataDirOtherThanTheTemplates_isNamedWithWhatToDo(@TempDir Path tmp) throws IOException {
        // GIVEN the app synthesized from the real data, and a changed copy of the data
        CloudAssembly assembly = CloudAssembly.read(SynthesizedApp.defaults().assemblyDir());
        Map<String, Object> event = SeedEventFactory.createEvent(assembly, "t");
        for (Path csv : NorthwindData.csvFiles(NorthwindCsv.dir())) {
            Files.copy(csv, tmp.resolve(csv.getFileName()));
        }
        Files.writeString(tmp.resolve("shippers.csv"), "4,Northwind Couriers,(503) 555-0404\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        // WHEN the local stack would seed the copy with that template THEN it says so and how to synthesize from it
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SeedEventFactory.requireDataOfTemplate(event, tmp, assembly));
        assertTrue(e.getMessage().contains("was synthesized from other data than " + tmp), e.getMessage());
        assertTrue(e.getMessage().contains("./run-local.sh --data-dir " + tmp), e.getMessage());
        // AND the folder it was synthesized from passes
        SeedEventFactory.requireDataOfTemplate(event, NorthwindCsv.dir(), assembly);
    }

    @Test
    void allowMassDelete_addsTheCustomResourceProperty() {
        CloudAssembly assembly = CloudAssembly.read(SynthesizedApp.defaults().assemblyDir());
        assertFalse(properties(SeedEventFactory.createEvent(assembly, "t")).containsKey(SeederHandler.PROP_ALLOW_MASS_DELETE));
        assertEquals("true", properties(SeedEventFactory.createEvent(assembly, "t", true)).get(SeederHandler.PROP_ALLOW_MASS_DELETE));
        assertTrue(CliOptions.parse("--allow-mass-delete").allowMassDelete());
        assertFalse(CliOptions.parse().allowMassDelete());
    }

    @Test
    void tokenKey_isKeptInAFile_soTokensSurviveARestart(@TempDir Path tmp) throws IOException {
        // GIVEN no key file yet WHEN two starts resolve the key from the same --db-path THEN the same key, created once
        Path db = tmp.resolve("db");
        byte[] first = LocalTokenKey.resolve(null, db, QUIET);
        byte[] second = LocalTokenKey.resolve(null, db, QUIET);
        assertArrayEquals(first, second);
        assertEquals(32, first.length);
        assertTrue(Files.readString(db.resolve(LocalTokenKey.FILE_NAME)).strip().matches("[0-9a-f]{64}"));
        // AND an explicit --token-key-file wins; without either, every start has a new key
        Path file = tmp.resolve("key.hex");
        assertArrayEquals(LocalTokenKey.resolve(file, db, QUIET), LocalTokenKey.resolve(file, null, QUIET));
        assertFalse(java.util.Arrays.equals(LocalTokenKey.resolve(null, null, QUIET), LocalTokenKey.resolve(null, null, QUIET)));
        assertEquals(file, CliOptions.parse("--token-key-file", file.toString()).tokenKeyFile());
    }

    @Test
    void tokenKeyFile_withoutA256BitHexKey_isAClearError(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("key.hex");
        Files.writeString(file, "not-a-key");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalTokenKey.resolve(file, null, QUIET));
        assertEquals("token key file " + file + " must hold exactly 64 hexadecimal characters (a 256-bit key), found 9"
                + " characters that are not all hex digits or not 64", e.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> event) {
        return (Map<String, Object>) event.get("ResourceProperties");
    }
}
