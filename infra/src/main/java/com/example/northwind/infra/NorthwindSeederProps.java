package com.example.northwind.infra;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Properties of {@link NorthwindSeeder}.
 *
 * @param function the table, the seeder's code and its log settings (required)
 * @param dataDir  the folder holding the Northwind CSVs: shipped as a Lambda layer (CSVs only) and
 *                 checksummed to decide re-seeding (required)
 */
public record NorthwindSeederProps(NorthwindFunctionProps function, Path dataDir) {
    public NorthwindSeederProps {
        Objects.requireNonNull(function, "function is required");
        Objects.requireNonNull(dataDir, "dataDir is required");
    }
}
