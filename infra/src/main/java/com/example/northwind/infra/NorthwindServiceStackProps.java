package com.example.northwind.infra;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.lambda.Code;

/**
 * Properties of {@link NorthwindServiceStack}: its {@link StackProps}, the table, and what the functions
 * deploy (code and data are given, never looked up from the working folder here).
 */
public final class NorthwindServiceStackProps extends NorthwindStackProps {
    private final ITable table;
    private final Code queryCode;
    private final Code commandCode;
    private final Code seederCode;
    private final Code streamCode;
    private final Path dataDir;
    private final boolean customerManagedKey;
    private final boolean alarmTopic;
    private final String alarmEmail;
    private final NorthwindHttpApiProps.Jwt jwt;
    private final List<String> corsOrigins;

    private NorthwindServiceStackProps(Builder b) {
        super(b.stack);
        this.table = Objects.requireNonNull(b.table, "NorthwindServiceStackProps.table is required");
        this.queryCode = Objects.requireNonNull(b.queryCode, "NorthwindServiceStackProps.queryCode is required");
        this.commandCode = Objects.requireNonNull(b.commandCode, "NorthwindServiceStackProps.commandCode is required");
        this.seederCode = Objects.requireNonNull(b.seederCode, "NorthwindServiceStackProps.seederCode is required");
        this.streamCode = Objects.requireNonNull(b.streamCode, "NorthwindServiceStackProps.streamCode is required");
        this.dataDir = Objects.requireNonNull(b.dataDir, "NorthwindServiceStackProps.dataDir is required");
        this.customerManagedKey = b.customerManagedKey;
        if (b.alarmEmail != null && !b.alarmEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new IllegalArgumentException("alarmEmail must be an e-mail address, got '" + b.alarmEmail + "'");
        }
        this.alarmEmail = b.alarmEmail;
        this.alarmTopic = b.alarmTopic || b.alarmEmail != null;
        this.jwt = NorthwindHttpApiProps.Jwt.of(b.jwtIssuer, b.jwtAudience);
        this.corsOrigins = b.corsOrigins == null ? List.of() : List.copyOf(b.corsOrigins);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The table the functions read, write and seed (required; usually from {@link NorthwindDataStack}). */
    public ITable getTable() {
        return table;
    }

    /** The query function's code (required; the app uses query-lambda's shaded jar). */
    public Code getQueryCode() {
        return queryCode;
    }

    /** The command function's code (required; the app uses command-lambda's shaded jar). */
    public Code getCommandCode() {
        return commandCode;
    }

    /** The seeder's code (required; the app uses seeder-lambda's shaded jar). */
    public Code getSeederCode() {
        return seederCode;
    }

    /** The stream consumer's code (required; the app uses stream-lambda's shaded jar). */
    public Code getStreamCode() {
        return streamCode;
    }

    /** The folder holding the Northwind CSVs (required). */
    public Path getDataDir() {
        return dataDir;
    }

    /**
     * Encrypt the log groups, the alarm topic and the stream consumer's failure queue with a customer-managed KMS key.
     * @default false (the failure queue is then SQS-managed encrypted)
     */
    public boolean isCustomerManagedKey() {
        return customerManagedKey;
    }

    /** Create an SNS topic the alarms notify. @default false (true when {@link #getAlarmEmail()} is set) */
    public boolean isAlarmTopic() {
        return alarmTopic;
    }

    /** An address subscribed to the alarm topic. @default none */
    public String getAlarmEmail() {
        return alarmEmail;
    }

    /** The HTTP API's opt-in JWT routes (issuer and audience given together). @default none */
    public NorthwindHttpApiProps.Jwt getJwt() {
        return jwt;
    }

    /** Origins the HTTP API allows by CORS. @default none: CORS off */
    public List<String> getCorsOrigins() {
        return corsOrigins;
    }

    public static final class Builder {
        private StackProps stack;
        private ITable table;
        private Code queryCode;
        private Code commandCode;
        private Code seederCode;
        private Code streamCode;
        private Path dataDir;
        private boolean customerManagedKey;
        private boolean alarmTopic;
        private String alarmEmail;
        private String jwtIssuer;
        private List<String> jwtAudience;
        private List<String> corsOrigins;

        /** env, synthesizer, termination protection, stack name, tags... @default none set */
        public Builder stackProps(StackProps stack) {
            this.stack = stack;
            return this;
        }

        public Builder table(ITable table) {
            this.table = table;
            return this;
        }

        public Builder queryCode(Code queryCode) {
            this.queryCode = queryCode;
            return this;
        }

        public Builder commandCode(Code commandCode) {
            this.commandCode = commandCode;
            return this;
        }

        public Builder seederCode(Code seederCode) {
            this.seederCode = seederCode;
            return this;
        }

        public Builder streamCode(Code streamCode) {
            this.streamCode = streamCode;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder customerManagedKey(boolean customerManagedKey) {
            this.customerManagedKey = customerManagedKey;
            return this;
        }

        public Builder alarmTopic(boolean alarmTopic) {
            this.alarmTopic = alarmTopic;
            return this;
        }

        public Builder alarmEmail(String alarmEmail) {
            this.alarmEmail = alarmEmail;
            return this;
        }

        /** The token issuer of the HTTP API's JWT routes (an https URL); needs {@link #jwtAudience}. */
        public Builder jwtIssuer(String jwtIssuer) {
            this.jwtIssuer = jwtIssuer;
            return this;
        }

        /** The audiences the JWT routes accept; needs {@link #jwtIssuer}. */
        public Builder jwtAudience(List<String> jwtAudience) {
            this.jwtAudience = jwtAudience;
            return this;
        }

        /** Origins the HTTP API allows by CORS (scheme://host[:port]). */
        public Builder corsOrigins(List<String> corsOrigins) {
            this.corsOrigins = corsOrigins;
            return this;
        }

        public NorthwindServiceStackProps build() {
            return new NorthwindServiceStackProps(this);
        }
    }
}
