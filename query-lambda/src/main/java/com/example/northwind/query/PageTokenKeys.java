package com.example.northwind.query;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Where the nextToken key comes from. Never from code: in a deployment a Secrets Manager secret generated at
 * deploy time (64 hex characters = 32 bytes, see infra PageTokenSecret), read once at init, before the SnapStart
 * snapshot; locally a random key per start, or one given as hex text (run-local's token key file).
 */
public final class PageTokenKeys {
    /** The environment variable naming the secret's ARN. */
    public static final String ENV_SECRET_ARN = "PAGE_TOKEN_SECRET_ARN";
    private static final Pattern HEX_KEY = Pattern.compile("[0-9a-fA-F]{" + 2 * PageToken.KEY_BYTES + "}");

    private PageTokenKeys() {
    }

    /** A new random key (tokens then live as long as this process). */
    public static byte[] random() {
        byte[] key = new byte[PageToken.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** The key as written in a file or secret: exactly 64 hex characters (surrounding whitespace ignored). */
    public static byte[] fromHex(String text, String source) {
        String trimmed = text == null ? "" : text.strip();
        if (!HEX_KEY.matcher(trimmed).matches()) {
            // Never the value itself in the message: it is a secret.
            throw new IllegalStateException(source + " must hold exactly " + 2 * PageToken.KEY_BYTES
                    + " hexadecimal characters (a " + 8 * PageToken.KEY_BYTES + "-bit key), found "
                    + trimmed.length() + " characters" + (trimmed.isEmpty() ? "" : " that are not all hex digits or not 64"));
        }
        return HexFormat.of().parseHex(trimmed);
    }

    /** A new key as 64 hex characters, for a key file. */
    public static String newHex() {
        return HexFormat.of().formatHex(random());
    }

    /** Reads the secret once (GetSecretValue); fails the init with a clear reason when it cannot. */
    static byte[] fromSecret(String secretArn, String region) {
        try (SecretsManagerClient secrets = SecretsManagerClient.builder()
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            String value = secrets.getSecretValue(b -> b.secretId(secretArn)).secretString();
            return fromHex(value, "secret " + secretArn);
        } catch (SdkException e) {
            throw new IllegalStateException("cannot read the nextToken key from secret " + secretArn + ": " + e.getMessage(), e);
        }
    }
}
