package com.example.northwind.infra;

import com.example.northwind.schema.NorthwindData;
import java.nio.file.Path;
import java.util.Objects;
import software.amazon.awscdk.services.dynamodb.ITable;

/** Properties of {@link NorthwindServiceStack}. */
public final class NorthwindServiceStackProps {
    private final ITable table;
    private final Path dataDir;

    private NorthwindServiceStackProps(Builder builder) {
        this.table = Objects.requireNonNull(builder.table, "NorthwindServiceStackProps.table is required");
        this.dataDir = builder.dataDir;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The table the functions read and seed (required; usually from {@link NorthwindDataStack}). */
    public ITable getTable() {
        return table;
    }

    /**
     * The folder holding the Northwind CSVs.
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

        public NorthwindServiceStackProps build() {
            return new NorthwindServiceStackProps(this);
        }
    }
}
