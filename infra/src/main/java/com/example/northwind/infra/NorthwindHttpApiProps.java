package com.example.northwind.infra;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Properties of {@link NorthwindHttpApi}.
 *
 * @param queryFunction   what {@code GET /patterns/{pattern}} invokes: the query function's {@code live} alias (required)
 * @param commandFunction what {@code POST /commands/{command}} invokes: the command function's {@code live} alias (required)
 * @param queryThrottle   the stage's default route throttling, which the query route gets. @default
 *                        {@link #QUERY_THROTTLE}: 500 requests/s, bursts of 1,000 — at the default page (100 items,
 *                        ≤ 5 read units) every query hitting one partition stays under its 3,000 RCU/s
 * @param commandThrottle the command route's throttling. @default {@link #COMMAND_THROTTLE}: 50 requests/s, bursts of
 *                        100 — Northwind's mean order (2.6 lines, ≈ 53 WCU) at 50/s is two thirds of the 4,000 WCU/s
 *                        a new on-demand table takes
 * @param logRetention    how long the access logs are kept. @default one year, as the functions' logs
 * @param logEncryption   KMS key of the access log group. @default none (CloudWatch Logs' own encryption)
 * @param jwt             the opt-in JWT authorizer for browser apps, on routes of their own under /jwt. @default none
 * @param corsOrigins     origins allowed by CORS (scheme://host[:port]). @default none: CORS off
 */
public record NorthwindHttpApiProps(IFunction queryFunction, IFunction commandFunction, Throttle queryThrottle,
                                    Throttle commandThrottle, RetentionDays logRetention, IKey logEncryption, Jwt jwt,
                                    List<String> corsOrigins) {
    public static final Throttle QUERY_THROTTLE = new Throttle(500, 1000);
    public static final Throttle COMMAND_THROTTLE = new Throttle(50, 100);
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");

    /** Steady requests per second and the burst a token bucket allows on top. */
    public record Throttle(int ratePerSecond, int burst) {
        public Throttle {
            if (ratePerSecond < 1 || burst < 1) {
                throw new IllegalArgumentException("throttling needs a rate and a burst of at least 1, got " + ratePerSecond
                        + "/s and " + burst);
            }
        }
    }

    /** A JWT authorizer: the token issuer (an https URL, e.g. a Cognito user pool's) and the accepted audiences. */
    public record Jwt(String issuer, List<String> audience) {
        public Jwt {
            URI uri;
            try {
                uri = URI.create(String.valueOf(issuer));
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("jwtIssuer must be the issuer's https URL (e.g. "
                        + "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf), got '" + issuer + "'");
            }
            audience = List.copyOf(Objects.requireNonNullElse(audience, List.of()));
            if (audience.isEmpty() || audience.stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("jwtAudience must name at least one audience (a client id), comma"
                        + " separated, got " + audience);
            }
        }

        /** Both flags or neither: one without the other is a mistake, never "off". */
        public static Jwt of(String issuer, List<String> audience) {
            boolean hasAudience = audience != null && !audience.isEmpty();
            if (issuer == null && !hasAudience) {
                return null;
            }
            if (issuer == null || !hasAudience) {
                throw new IllegalArgumentException("-c jwtIssuer=… and -c jwtAudience=… go together: the JWT authorizer"
                        + " needs both the token issuer and the audience it accepts");
            }
            return new Jwt(issuer, audience);
        }
    }

    public NorthwindHttpApiProps {
        Objects.requireNonNull(queryFunction, "queryFunction is required");
        Objects.requireNonNull(commandFunction, "commandFunction is required");
        queryThrottle = queryThrottle != null ? queryThrottle : QUERY_THROTTLE;
        commandThrottle = commandThrottle != null ? commandThrottle : COMMAND_THROTTLE;
        logRetention = logRetention != null ? logRetention : NorthwindFunctionProps.DEFAULT_LOG_RETENTION;
        corsOrigins = List.copyOf(Objects.requireNonNullElse(corsOrigins, List.of()));
        for (String origin : corsOrigins) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("corsOrigins must list origins as scheme://host[:port] (e.g. "
                        + "https://app.example.com), comma separated, no path and no wildcard, got '" + origin + "'");
            }
        }
    }

    /** The required properties; the rest default. */
    public static NorthwindHttpApiProps of(IFunction queryFunction, IFunction commandFunction) {
        return new NorthwindHttpApiProps(queryFunction, commandFunction, null, null, null, null, null, null);
    }

    /** The same, with the access logs encrypted under {@code key} (null: none). */
    public NorthwindHttpApiProps withLogEncryption(IKey key) {
        return new NorthwindHttpApiProps(queryFunction, commandFunction, queryThrottle, commandThrottle, logRetention, key,
                jwt, corsOrigins);
    }

    /** The same, with the JWT routes (null: none). */
    public NorthwindHttpApiProps withJwt(Jwt jwt) {
        return new NorthwindHttpApiProps(queryFunction, commandFunction, queryThrottle, commandThrottle, logRetention,
                logEncryption, jwt, corsOrigins);
    }

    /** The same, with CORS for these origins (empty: off). */
    public NorthwindHttpApiProps withCorsOrigins(List<String> origins) {
        return new NorthwindHttpApiProps(queryFunction, commandFunction, queryThrottle, commandThrottle, logRetention,
                logEncryption, jwt, origins);
    }

    /** The same, with other throttling. */
    public NorthwindHttpApiProps withThrottling(Throttle query, Throttle command) {
        return new NorthwindHttpApiProps(queryFunction, commandFunction, query, command, logRetention, logEncryption, jwt,
                corsOrigins);
    }
}
