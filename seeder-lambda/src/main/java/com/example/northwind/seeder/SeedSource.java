package com.example.northwind.seeder;

import com.example.northwind.model.Enrichment;
import com.example.northwind.model.ItemModel;
import com.example.northwind.schema.EntityType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Northwind CSVs of a data folder, validated as a whole while holding only what whole-data checks need:
 * memory grows with the number of <em>keys</em>, never with rows or items.
 *
 * <p>{@link #validate} reads every file twice, one record at a time. The first pass parses each row (header,
 * field counts, types, required values, control characters) and keeps each file's primary keys in a compact
 * {@link KeySet} (for duplicate, case and reference checks) plus, for the files other files' items copy columns
 * from ({@link Enrichment}: an order line copies its order's {@code orderDate}), just those columns by key. The
 * second pass checks references and the plausibility of each row. Afterwards {@link #forEachRow} streams the
 * validated rows again and {@link #fact} adds the copied columns from the lookups.
 *
 * <p>Errors are the ones reading everything into memory reported, in the same order: per file syntax, header,
 * the first bad row, an empty fact file, the first duplicate key; then references (file by file, reference by
 * reference); then plausibility (ids differing by case, then values, file by file; then reporting lines).
 */
public final class SeedSource {
    /** Distinct values shared per kept column, at most (an order date repeats across many orders). */
    private static final int INTERN_LIMIT = 10_000;

    private final Path dir;
    private final Map<String, FileIndex> files = new LinkedHashMap<>();
    private final Map<String, Integer> rowCounts = new LinkedHashMap<>();
    private long maxOrderId;

    /** What one file leaves behind after the first pass. */
    private static final class FileIndex {
        final CsvFileSpec spec;
        /** Primary keys; ordinal = position among the file's rows. */
        KeySet keys = new KeySet();
        /** ordinal → line, for messages that name where a key was first seen (dropped after validation). */
        IntList lines = new IntList();
        /** Columns other files' items copy (and employees' reportsTo): column → values by ordinal. */
        final Map<String, List<String>> kept = new LinkedHashMap<>();
        final Map<String, Map<String, String>> interned = new HashMap<>();
        SeedDataException caseError;

        FileIndex(CsvFileSpec spec, Set<String> keptColumns) {
            this.spec = spec;
            keptColumns.forEach(c -> kept.put(c, new ArrayList<>()));
        }

        void keep(Row row) {
            kept.forEach((column, values) -> {
                String value = row.get(column);
                if (value != null) {
                    Map<String, String> pool = interned.computeIfAbsent(column, c -> new HashMap<>());
                    String shared = pool.get(value);
                    if (shared != null) {
                        value = shared;
                    } else if (pool.size() < INTERN_LIMIT) {
                        pool.put(value, value);
                    }
                }
                values.add(value);
            });
        }
    }

    private SeedSource(Path dir) {
        this.dir = dir;
    }

    /** Reads and validates the eleven CSVs of {@code dir}; throws a {@link SeedDataException} at the first problem. */
    public static SeedSource validate(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new SeedDataException("Northwind data folder not found: " + dir);
        }
        for (CsvFileSpec spec : NorthwindFiles.ALL) {
            if (!Files.isRegularFile(dir.resolve(spec.fileName()))) {
                throw new SeedDataException(spec.fileName() + ": file not found in data folder " + dir);
            }
        }
        SeedSource source = new SeedSource(dir);
        Map<String, Set<String>> keptColumns = keptColumns();
        for (CsvFileSpec spec : NorthwindFiles.ALL) {
            source.files.put(spec.fileName(), source.index(spec, keptColumns.getOrDefault(spec.fileName(), Set.of())));
        }
        source.check();
        // Only the lookups of copied columns stay: the other key sets and every line number have done their job.
        for (FileIndex index : source.files.values()) {
            index.lines = null;
            index.interned.clear();
            if (index.kept.isEmpty()) {
                index.keys = null;
            }
        }
        return source;
    }

    /** Per file, the columns whose values must be kept: what enrichments copy, and employees' reportsTo. */
    private static Map<String, Set<String>> keptColumns() {
        Map<String, Set<String>> kept = new HashMap<>();
        for (CsvFileSpec spec : NorthwindFiles.ALL) {
            for (Enrichment enrichment : ItemModel.enrichments(spec.entity())) {
                kept.computeIfAbsent(NorthwindFiles.fileOf(enrichment.from()).fileName(), f -> new LinkedHashSet<>())
                        .addAll(enrichment.columns());
            }
        }
        kept.computeIfAbsent(NorthwindFiles.EMPLOYEES, f -> new LinkedHashSet<>()).add("reportsTo");
        return kept;
    }

    /** First pass over one file: parse every row, keep its key (and kept columns), report this file's problems. */
    private FileIndex index(CsvFileSpec spec, Set<String> keptColumns) {
        String file = spec.fileName();
        FileIndex index = new FileIndex(spec, keptColumns);
        RowParser parser = new RowParser(spec);
        KeySet folded = new KeySet();
        IntList firstOfFolded = new IntList();
        // The first problem of each kind, thrown after the whole file in the order a whole-file reader found them.
        SeedDataException[] header = {null};
        SeedDataException[] badRow = {null};
        SeedDataException[] duplicate = {null};
        boolean[] headerSeen = {false};
        int[] rows = {0};
        CsvReader.read(dir.resolve(file), record -> {
            if (!headerSeen[0]) {
                headerSeen[0] = true;
                try {
                    parser.checkHeader(record);
                } catch (SeedDataException e) {
                    header[0] = e;
                }
                return;
            }
            if (header[0] != null || badRow[0] != null) {
                return; // read on only for syntax errors, which a whole-file reader reported first
            }
            Row row;
            try {
                row = parser.parse(record);
            } catch (SeedDataException e) {
                badRow[0] = e;
                return;
            }
            rows[0]++;
            if (duplicate[0] != null) {
                return;
            }
            String key = row.key();
            int ordinal = index.keys.add(key);
            if (ordinal < 0) {
                duplicate[0] = SeedDataException.at(file, row.line(), "duplicate primary key " + describeKey(spec, row)
                        + " (first seen on line " + index.lines.get(-ordinal - 1) + ")");
                return;
            }
            index.lines.add(row.line());
            int foldedOrdinal = folded.add(key.toLowerCase(Locale.ROOT));
            if (foldedOrdinal >= 0) {
                firstOfFolded.add(ordinal);
            } else if (index.caseError == null) {
                int first = firstOfFolded.get(-foldedOrdinal - 1);
                index.caseError = Plausibility.differsOnlyByCase(spec, row, index.keys.get(first), index.lines.get(first));
            }
            index.keep(row);
            if (file.equals(NorthwindFiles.ORDERS)) {
                maxOrderId = Math.max(maxOrderId, row.getLong("orderID"));
            }
        });
        if (!headerSeen[0]) {
            throw parser.emptyFile();
        }
        if (header[0] != null) {
            throw header[0];
        }
        if (badRow[0] != null) {
            throw badRow[0];
        }
        Plausibility.checkNotEmpty(spec, rows[0]);
        if (duplicate[0] != null) {
            throw duplicate[0];
        }
        rowCounts.put(file, rows[0]);
        return index;
    }

    /** Second pass: references between files (first), then the plausibility of rows and of reporting lines. */
    private void check() {
        SeedDataException implausible = null;
        for (CsvFileSpec spec : NorthwindFiles.ALL) {
            List<CsvFileSpec.Reference> references = spec.references();
            SeedDataException[] dangling = new SeedDataException[references.size()];
            SeedDataException[] badValue = {null};
            forEachRow(spec.fileName(), row -> {
                for (int i = 0; i < references.size(); i++) {
                    CsvFileSpec.Reference ref = references.get(i);
                    if (dangling[i] != null) {
                        continue;
                    }
                    List<String> values = ref.columns().stream().map(row::get).toList();
                    if (values.contains(null)) {
                        continue; // optional reference not set (checked as required elsewhere when it must be)
                    }
                    if (!files.get(ref.targetFile()).keys.contains(Row.keyOf(values))) {
                        dangling[i] = SeedDataException.at(spec.fileName(), row.line(), String.join(",", ref.columns())
                                + " " + String.join(",", values) + " does not exist in " + ref.targetFile());
                    }
                }
                if (badValue[0] == null) {
                    try {
                        Plausibility.checkRow(spec, row);
                    } catch (SeedDataException e) {
                        badValue[0] = e;
                    }
                }
            });
            for (SeedDataException e : dangling) {
                if (e != null) {
                    throw e;
                }
            }
            if (implausible == null) {
                implausible = files.get(spec.fileName()).caseError != null ? files.get(spec.fileName()).caseError : badValue[0];
            }
        }
        if (implausible != null) {
            throw implausible;
        }
        FileIndex employees = files.get(NorthwindFiles.EMPLOYEES);
        Plausibility.checkReportingLines(employees.keys, employees.kept.get("reportsTo"), employees.lines);
    }

    /**
     * Streams the rows of one file, parsed again (a file changed since {@link #validate} fails with its own
     * problem; seeding turns that into a failure, see NorthwindSeeder).
     */
    public void forEachRow(String fileName, Consumer<Row> action) {
        CsvFileSpec spec = NorthwindFiles.spec(fileName);
        RowParser parser = new RowParser(spec);
        boolean[] headerSeen = {false};
        CsvReader.read(dir.resolve(fileName), record -> {
            if (!headerSeen[0]) {
                headerSeen[0] = true;
                parser.checkHeader(record);
                return;
            }
            action.accept(parser.parse(record));
        });
    }

    /** A kept column of the row of {@code from} with this key (references are validated, so it exists). */
    String related(EntityType from, String key, String column) {
        FileIndex index = files.get(NorthwindFiles.fileOf(from).fileName());
        int ordinal = index.keys.indexOf(key);
        if (ordinal < 0) {
            throw new SeedDataException(index.spec.fileName() + ": no row with key " + key
                    + " (the data changed while it was being seeded?)");
        }
        return index.kept.get(column).get(ordinal);
    }

    /** The row's typed values plus what its items copy from related rows. */
    public Map<String, Object> fact(EntityType type, Row row) {
        return ItemMapper.fact(type, row, this::related);
    }

    /** Rows per file name, for the log. */
    public Map<String, Integer> rowCounts() {
        return new LinkedHashMap<>(rowCounts);
    }

    /** The highest order id of the data: order ids handed out by commands continue above it. */
    public long maxOrderId() {
        return maxOrderId;
    }

    static String describeKey(CsvFileSpec spec, Row row) {
        List<String> parts = new ArrayList<>();
        for (String column : spec.keyColumns()) {
            parts.add(column + "=" + row.get(column));
        }
        return String.join(", ", parts);
    }
}
