package com.example.northwind.infra;

import com.example.northwind.schema.NorthwindData;
import java.nio.file.Path;
import java.util.Objects;
import software.amazon.awscdk.services.dynamodb.ITable;

/** Properties of {@link NorthwindSeeder}. */
public final class NorthwindSeederProps {
    private final ITable table;
    private final Path dataDir;

    private NorthwindSeederProps(Builder builder) {
        this.table = Objects.requireNonNull(builder.table, "NorthwindSeederProps.table is required");
        this.dataDir = builder.dataDir;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The table to seed (required). */
    public ITable getTable() {
        return table;
    }

    /**
     * The folder holding the Northwind CSVs; shipped as a Lambda layer and checksummed to decide re-seeding.
     *
     * @default {@link NorthwindData#locate()}
     */
    public Path getDataDir() {
        return dataDir != null ? dataDir : NorthwindData.locate();
    }

    public static final class Builder {
        private ITable table;
        private Path dataDir;

        public Builder table(ITable table) {
            this.table = table;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public NorthwindSeederProps build() {
            return new NorthwindSeederProps(this);
        }
    }
}
