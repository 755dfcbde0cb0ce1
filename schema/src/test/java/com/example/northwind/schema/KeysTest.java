package com.example.northwind.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeysTest {

    @Test
    void paddedIds_sortNumericallyAsStrings_afterADate() {
        // GIVEN ids of different lengths on one date, and an earlier date
        List<String> values = new ArrayList<>(List.of(
                "1997-01-01#" + Keys.paddedId(100000),
                "1997-01-01#" + Keys.paddedId(99999),
                "1996-12-31#" + Keys.paddedId(2)));
        // WHEN sorted as strings (as DynamoDB sorts an S sort key)
        Collections.sort(values);
        // THEN date first, then numeric id
        assertEquals(List.of("1996-12-31#0000000002", "1997-01-01#0000099999", "1997-01-01#0000100000"), values);
    }

    @ParameterizedTest
    @CsvSource({"-1", "10000000000"})
    void paddedId_rejectsIdsThatWouldNotSort(long id) {
        assertThrows(IllegalArgumentException.class, () -> Keys.paddedId(id));
    }

    @Test
    void path_writesAbsentComponentsEmptyAndEscapesSeparators() {
        assertEquals("Germany##Berlin", Keys.path("Germany", null, "Berlin"));
        assertEquals("USA\\#LA#x\\\\y", Keys.path("USA#LA", "x\\y"));
        assertEquals("USA#", Keys.pathPrefix("USA"));
    }

    @Test
    void pathPrefix_matchesWholeComponentsOnly_seededRandom() {
        // GIVEN random components over an alphabet rich in separators and escapes (seeded: reproducible)
        Random random = new Random(42);
        String alphabet = "a#\\b";
        for (int i = 0; i < 20_000; i++) {
            String country = randomText(random, alphabet);
            String other = randomText(random, alphabet);
            String region = randomText(random, alphabet);
            // WHEN one country's prefix is tested against a path of another country
            boolean matches = Keys.path(other, region).startsWith(Keys.pathPrefix(country));
            // THEN it matches exactly when the countries are equal
            assertEquals(country.equals(other), matches, () -> country + " vs " + other + "/" + region);
        }
    }

    @Test
    void checksum_changesWithContentAndNameButNotWithOtherFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.csv"), "id\n1\n");
        String first = NorthwindData.checksum(dir);
        Files.writeString(dir.resolve("README.md"), "not data");
        assertEquals(first, NorthwindData.checksum(dir));
        Files.writeString(dir.resolve("a.csv"), "id\n2\n");
        String edited = NorthwindData.checksum(dir);
        assertFalse(first.equals(edited));
        Files.move(dir.resolve("a.csv"), dir.resolve("b.csv"));
        assertFalse(edited.equals(NorthwindData.checksum(dir)));
        assertTrue(NorthwindData.checksum(dir).matches("[0-9a-f]{64}"));
    }

    private static String randomText(Random random, String alphabet) {
        int length = random.nextInt(4);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
