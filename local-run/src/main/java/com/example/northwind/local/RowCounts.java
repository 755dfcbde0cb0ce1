package com.example.northwind.local;

import com.example.northwind.seeder.CsvFileSpec;
import com.example.northwind.seeder.CsvReader;
import com.example.northwind.seeder.NorthwindFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The data's rows per entity type name ({@code Customer} → 91), read with the seeder's own CSV reader (a quoted
 * field may span lines, so lines are not rows): the seed summary says how many rows became how many items.
 */
final class RowCounts {
    private RowCounts() {
    }

    /** Rows per entity type name, header excluded; a file that is missing or unreadable is left out. */
    static Map<String, Long> of(Path dataDir) {
        Map<String, Long> rows = new LinkedHashMap<>();
        if (dataDir == null) {
            return rows;
        }
        for (CsvFileSpec spec : NorthwindFiles.ALL) {
            Path file = dataDir.resolve(spec.fileName());
            if (!Files.isRegularFile(file)) {
                continue;
            }
            AtomicLong records = new AtomicLong();
            try {
                CsvReader.read(file, record -> records.incrementAndGet());
            } catch (RuntimeException e) {
                continue; // the seed itself reports a bad file; the summary just leaves it out
            }
            rows.put(spec.entity().typeName(), Math.max(0, records.get() - 1));
        }
        return rows;
    }
}
