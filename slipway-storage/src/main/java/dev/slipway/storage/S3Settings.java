package dev.slipway.storage;

import java.net.URI;
import java.util.Map;

/**
 * S3 settings read from the environment map given to {@link ModelStorage} (where Seldon's
 * {@code envSecretRefName} secrets arrive), never from the process environment directly.
 *
 * <ul>
 *   <li>endpoint: {@code S3_ENDPOINT} (with {@code S3_USE_HTTPS=0} for plain http when it has no
 *       scheme), {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL}, {@code RCLONE_CONFIG_S3_ENDPOINT};
 *       none: AWS itself
 *   <li>credentials: {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}[/{@code AWS_SESSION_TOKEN}]
 *       or {@code RCLONE_CONFIG_S3_ACCESS_KEY_ID}/{@code RCLONE_CONFIG_S3_SECRET_ACCESS_KEY}; none:
 *       anonymous (public buckets)
 *   <li>region: {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, {@code RCLONE_CONFIG_S3_REGION}; none:
 *       {@code us-east-1}
 * </ul>
 */
record S3Settings(URI endpoint, String accessKey, String secretKey, String sessionToken, String region) {

    static S3Settings from(Map<String, String> env) {
        String endpoint =
                first(env, "S3_ENDPOINT", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL", "RCLONE_CONFIG_S3_ENDPOINT");
        URI uri = null;
        if (endpoint != null) {
            if (!endpoint.contains("://")) {
                boolean https =
                        !"0".equals(env.getOrDefault("S3_USE_HTTPS", "1").trim())
                                && !"false"
                                        .equalsIgnoreCase(env.getOrDefault("S3_USE_HTTPS", "1")
                                                .trim());
                endpoint = (https ? "https://" : "http://") + endpoint;
            }
            uri = URI.create(endpoint);
        }
        String key = first(env, "AWS_ACCESS_KEY_ID", "RCLONE_CONFIG_S3_ACCESS_KEY_ID");
        String secret = first(env, "AWS_SECRET_ACCESS_KEY", "RCLONE_CONFIG_S3_SECRET_ACCESS_KEY");
        String token = first(env, "AWS_SESSION_TOKEN");
        String region = first(env, "AWS_REGION", "AWS_DEFAULT_REGION", "RCLONE_CONFIG_S3_REGION");
        return new S3Settings(uri, key, secret, token, region == null ? "us-east-1" : region);
    }

    /** Cloud Storage's default XML API endpoint (S3-compatible, HMAC keys). */
    static final String GCS_XML_ENDPOINT = "https://storage.googleapis.com";

    /**
     * Cloud Storage through its S3-compatible XML API: endpoint {@code GCS_S3_ENDPOINT} (default
     * {@value #GCS_XML_ENDPOINT}), an HMAC key {@code GCS_HMAC_ACCESS_KEY_ID}/{@code GCS_HMAC_SECRET} (a service
     * account's HMAC key; none: anonymous), region {@code auto}. The AWS variables are never used for a {@code gs://}
     * bucket.
     */
    static S3Settings gcsInterop(Map<String, String> env) {
        final String endpoint = first(env, "GCS_S3_ENDPOINT");
        return new S3Settings(
                URI.create(endpoint == null ? GCS_XML_ENDPOINT : endpoint),
                first(env, "GCS_HMAC_ACCESS_KEY_ID"),
                first(env, "GCS_HMAC_SECRET"),
                null,
                "auto");
    }

    boolean anonymous() {
        return accessKey == null || secretKey == null;
    }

    private static String first(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }
}
