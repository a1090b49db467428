package dev.slipway.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * A Google service-account key ({@code GOOGLE_APPLICATION_CREDENTIALS}): signs a JWT with RS256 (JDK
 * only) and exchanges it at the key's {@code token_uri} for an access token, cached until a minute
 * before it expires. Thread-safe.
 */
final class GcsCredentials {

    static final String SCOPE = "https://www.googleapis.com/auth/devstorage.read_only";

    private final String clientEmail;
    private final String keyId;
    private final PrivateKey privateKey;
    private final URI tokenUri;
    private final HttpTransport transport;
    private final Clock clock;
    private final ObjectMapper json = Mappers.json();
    private String token;
    private Instant expiry = Instant.MIN;

    private GcsCredentials(
            String clientEmail,
            String keyId,
            PrivateKey privateKey,
            URI tokenUri,
            HttpTransport transport,
            Clock clock) {
        this.clientEmail = clientEmail;
        this.keyId = keyId;
        this.privateKey = privateKey;
        this.tokenUri = tokenUri;
        this.transport = transport;
        this.clock = clock;
    }

    /** Reads a service-account JSON key file. */
    static GcsCredentials fromKeyFile(Path file, HttpTransport transport, Clock clock) throws StorageException {
        JsonNode key;
        try {
            key = Mappers.json().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new StorageException(
                    StorageException.Reason.DENIED,
                    "GOOGLE_APPLICATION_CREDENTIALS: cannot read the key file " + file + ": " + e.getMessage(),
                    e);
        }
        String type = key.path("type").asText("");
        if (!type.equals("service_account")) {
            throw new StorageException(
                    StorageException.Reason.DENIED,
                    "GOOGLE_APPLICATION_CREDENTIALS: " + file + " is a '" + type
                            + "' key; only service_account keys are supported");
        }
        for (String field : new String[] {"client_email", "private_key"}) {
            if (key.path(field).asText("").isBlank()) {
                throw new StorageException(
                        StorageException.Reason.DENIED,
                        "GOOGLE_APPLICATION_CREDENTIALS: " + file + " has no '" + field + "'");
            }
        }
        String tokenUri = key.path("token_uri").asText("https://oauth2.googleapis.com/token");
        return new GcsCredentials(
                key.path("client_email").asText(),
                key.path("private_key_id").asText(null),
                parsePkcs8(key.path("private_key").asText(), file),
                URI.create(tokenUri),
                transport,
                clock);
    }

    private static PrivateKey parsePkcs8(String pem, Path file) throws StorageException {
        try {
            String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "")
                    .replace("-----END PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new StorageException(
                    StorageException.Reason.DENIED,
                    "GOOGLE_APPLICATION_CREDENTIALS: " + file + " holds no valid PKCS#8 RSA private key",
                    e);
        }
    }

    /** A valid access token, fetched when none is cached or it is about to expire. */
    synchronized String accessToken(String modelUri) throws StorageException {
        Instant now = clock.instant();
        if (token != null && now.isBefore(expiry.minusSeconds(60))) {
            return token;
        }
        String assertion = jwt(now);
        HttpURLConnection c = transport.open("POST", tokenUri, Map.of("Accept", "application/json"), modelUri);
        try {
            int status = transport.post(
                    c,
                    "grant_type="
                            + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                            + "&assertion=" + assertion,
                    modelUri);
            String body = transport.readSmall(c, modelUri);
            if (status != 200) {
                throw HttpTransport.statusFailure(
                        modelUri,
                        "the token endpoint " + tokenUri + " (service account " + clientEmail + ")",
                        status == 400 ? 401 : status,
                        body);
            }
            JsonNode answer = json.readTree(body);
            String t = answer.path("access_token").asText("");
            if (t.isEmpty()) {
                throw new StorageException(
                        StorageException.Reason.DENIED,
                        "model URI '" + modelUri + "': the token endpoint " + tokenUri + " returned no access_token");
            }
            token = t;
            expiry = now.plusSeconds(answer.path("expires_in").asLong(3600));
            return token;
        } catch (IOException e) {
            throw new StorageException(
                    StorageException.Reason.DENIED,
                    "model URI '" + modelUri + "': unreadable answer from " + tokenUri + ": " + e.getMessage(),
                    e);
        } finally {
            c.disconnect();
        }
    }

    private String jwt(Instant now) throws StorageException {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        var header = json.createObjectNode().put("alg", "RS256").put("typ", "JWT");
        if (keyId != null) {
            header.put("kid", keyId);
        }
        var claims = json.createObjectNode()
                .put("iss", clientEmail)
                .put("scope", SCOPE)
                .put("aud", tokenUri.toString())
                .put("iat", now.getEpochSecond())
                .put("exp", now.getEpochSecond() + 3600);
        String signingInput = b64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(privateKey);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new StorageException(
                    StorageException.Reason.DENIED, "cannot sign the service-account JWT: " + e.getMessage(), e);
        }
    }
}
