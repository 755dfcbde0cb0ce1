package com.example.northwind.local;

import java.util.regex.Pattern;

/**
 * The local HTTP API's settings from the command line: its port, and the credentials and region it checks SigV4
 * signatures against (what a client signs with: {@code curl --aws-sigv4 "aws:amz:<region>:execute-api" --user
 * <access key>:<secret>}).
 *
 * @param port 0 for a free port; -1 when the API is not served ({@code --no-api}, or a one-off query or command)
 */
public record LocalApiOptions(int port, String accessKey, String secretKey, String region) {
    // Before the constants below: their constructor checks against these.
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");
    /** Anything a credential scope can carry: no '/', ',', '=' or white space. */
    private static final Pattern ACCESS_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    /** The port {@code sam local start-api} uses. */
    public static final int DEFAULT_PORT = 3000;
    public static final String DEFAULT_KEY = "local";
    public static final LocalApiOptions DEFAULTS = new LocalApiOptions(DEFAULT_PORT, DEFAULT_KEY, DEFAULT_KEY, TemplateValues.REGION);
    public static final LocalApiOptions OFF = DEFAULTS.onPort(-1);

    public LocalApiOptions {
        if (!ACCESS_KEY.matcher(accessKey).matches()) {
            throw new IllegalArgumentException("--api-access-key must be 1-128 characters of A-Z a-z 0-9 _ . -, got \""
                    + accessKey + "\".");
        }
        if (secretKey.isEmpty()) {
            throw new IllegalArgumentException("--api-secret-key must not be empty.");
        }
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("--api-region must be a region name like us-east-1, got \"" + region + "\".");
        }
    }

    public boolean enabled() {
        return port >= 0;
    }

    public LocalApiOptions onPort(int port) {
        return new LocalApiOptions(port, accessKey, secretKey, region);
    }

    /** Collects the API's flags while {@link CliOptions} reads the command line. */
    static final class Flags {
        private Integer port;
        private boolean off;
        private String accessKey = DEFAULT_KEY;
        private String secretKey = DEFAULT_KEY;
        private String region = TemplateValues.REGION;

        /** Whether {@code flag} is one of the API's. */
        static boolean owns(String flag) {
            return flag.equals("--api-port") || flag.equals("--no-api") || flag.startsWith("--api-") && flag.length() > 6;
        }

        /** Reads {@code args[i]} (and its value); answers the index of the last argument used. */
        int accept(String[] args, int i) {
            String flag = args[i];
            if (flag.equals("--no-api")) {
                off = true;
                return i;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value.");
            }
            String value = args[i + 1];
            switch (flag) {
                case "--api-port" -> port = CliOptions.port(flag, value);
                case "--api-access-key" -> accessKey = value;
                case "--api-secret-key" -> secretKey = value;
                case "--api-region" -> region = value;
                default -> throw new IllegalArgumentException("Unknown argument \"" + flag + "\" (see --help).");
            }
            return i + 1;
        }

        /** The options; off for a one-off query or command, which serves nothing. */
        LocalApiOptions build(boolean oneOff) {
            if (off && port != null) {
                throw new IllegalArgumentException("--no-api and --api-port contradict each other: give one.");
            }
            LocalApiOptions options = new LocalApiOptions(port == null ? DEFAULT_PORT : port, accessKey, secretKey, region);
            return off || oneOff ? options.onPort(-1) : options;
        }
    }
}
