package dev.slipway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.support.AtomicFiles;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One-time sign-in links ({@code slipway token create --web}): {@code CONSOLE/signin#link=SECRET}. The file (mode
 * 0600, next to {@code tokens.json}) keeps per link only its id (a hash of the secret), the user, the role, when it
 * expires and the user's API token sealed under the secret. Redeeming a link removes it whatever happens next, so
 * it works once; an expired link is refused and removed. {@code slipway token create} (another process) and the
 * console share the file under a file lock.
 */
public final class SignInLinks {

    /** How long a link works unless asked otherwise. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
    /** The longest a link may work. */
    public static final Duration MAX_TTL = Duration.ofHours(24);

    /** A redeemed link: the API token the session will use, and whose it is. */
    public record Redeemed(String token, String user, String role) {}

    private static final ObjectMapper JSON = Mappers.json();

    private final Path file;
    private final Clock clock;

    public SignInLinks(Path file, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The links of the data folder {@code data} ({@code auth/signin-links.json}). */
    public static SignInLinks in(Path data, Clock clock) {
        return new SignInLinks(data.resolve("auth").resolve("signin-links.json"), clock);
    }

    /**
     * A new link's secret for {@code user} that signs in with {@code token} until {@code ttl} from now (at most
     * {@link #MAX_TTL}).
     */
    public String create(String token, String user, String role, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException(
                    "expires: between 1 second and " + MAX_TTL.toHours() + " hours, not " + ttl);
        }
        final String secret = Sealed.secret();
        locked(links -> {
            links.addObject()
                    .put("id", Sealed.id(secret))
                    .put("user", user)
                    .put("role", role)
                    .put("expires", clock.instant().plus(ttl).toString())
                    .put("token", Sealed.seal(secret, token));
            return null;
        });
        return secret;
    }

    /** The token of the link {@code secret} if it exists and has not expired; the link is gone afterwards either way. */
    public Optional<Redeemed> redeem(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        final String id = Sealed.id(secret.trim());
        return locked(links -> {
            for (int i = 0; i < links.size(); i++) {
                final JsonNode l = links.get(i);
                if (l.path("id").asText().equals(id)) {
                    links.remove(i);
                    if (!expired(l)) {
                        return Sealed.open(secret.trim(), l.path("token").asText())
                                .map(token -> new Redeemed(
                                        token,
                                        l.path("user").asText(),
                                        l.path("role").asText("developer")));
                    }
                    return Optional.<Redeemed>empty();
                }
            }
            return Optional.<Redeemed>empty();
        });
    }

    private boolean expired(JsonNode link) {
        try {
            return !Instant.parse(link.path("expires").asText()).isAfter(clock.instant());
        } catch (java.time.format.DateTimeParseException e) {
            return true;
        }
    }

    private interface Change<T> {
        T apply(ArrayNode links);
    }

    /** Reads the links, applies {@code change}, drops expired ones and writes them back, all under the file lock. */
    private synchronized <T> T locked(Change<T> change) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel lock = FileChannel.open(
                            file.resolveSibling(file.getFileName() + ".lock"),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
                    FileLock held = lock.lock()) {
                final ArrayNode links = JSON.createArrayNode();
                if (Files.exists(file)) {
                    final JsonNode read = JSON.readTree(file.toFile());
                    if (read != null && read.isArray()) {
                        read.forEach(l -> {
                            if (l.isObject()) {
                                links.add((ObjectNode) l);
                            }
                        });
                    }
                }
                final T result = change.apply(links);
                final ArrayNode kept = JSON.createArrayNode();
                links.forEach(l -> {
                    if (!expired(l)) {
                        kept.add(l);
                    }
                });
                AtomicFiles.write(file, JSON.writeValueAsBytes(kept), AtomicFiles.PRIVATE);
                return result;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the sign-in links in " + file + ": " + e.getMessage(), e);
        }
    }
}
