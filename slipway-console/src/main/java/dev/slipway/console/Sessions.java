package dev.slipway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.support.AtomicFiles;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signed-in browsers: a random session id (the HttpOnly, SameSite=Strict cookie) maps to the user's API token, which
 * never leaves the server, and to a CSRF token that every state-changing request must echo in a header. A session
 * ends after 12 hours of inactivity or when its user signs out.
 *
 * <p>With a file (in the data folder, mode 0600, written by the one atomic writer) sessions survive a restart of
 * {@code slipway up}. The file holds no session id and no token in clear: each entry is keyed by a hash of the id,
 * and the API token and CSRF token are sealed under the id ({@link Sealed}), so only the browser holding the cookie
 * can use them. The time a session was last seen is written at most once a minute.
 */
final class Sessions {

    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
    private static final ObjectMapper JSON = Mappers.json();
    static final String COOKIE = "slipway_session";
    static final Duration IDLE = Duration.ofHours(12);
    private static final Duration TOUCH = Duration.ofMinutes(1);

    /**
     * One signed-in browser.
     *
     * @param token the user's API token, or null without authentication
     * @param user the user's name
     * @param role the user's role ({@code developer}, {@code approver}, {@code admin}) as the API names it
     */
    record Session(String id, String csrf, String token, String user, String role, Instant lastSeen) {
        boolean approver() {
            return "approver".equals(role) || "admin".equals(role);
        }
    }

    /** What is kept per session: its user and role in clear, the tokens sealed under the session id. */
    private record Stored(String sealed, String user, String role, Instant lastSeen) {}

    private final Map<String, Stored> byId = new ConcurrentHashMap<>();
    private final Clock clock;
    private final @Nullable Path file;

    /** Sessions in memory only. */
    Sessions(Clock clock) {
        this(clock, null);
    }

    /** Sessions kept in {@code file} too (read now: the sessions of the last run that have not expired). */
    Sessions(Clock clock, @Nullable Path file) {
        this.clock = clock;
        this.file = file;
        load();
    }

    static String random() {
        return Sealed.secret();
    }

    /** A session of nobody in particular, kept nowhere (the CSRF token of a console without authentication). */
    Session unstored(String user, String role) {
        return new Session(random(), random(), null, user, role, clock.instant());
    }

    Session create(String token, String user, String role) {
        final Session s = new Session(random(), random(), token, user, role, clock.instant());
        final ObjectNode secrets = JSON.createObjectNode().put("csrf", s.csrf());
        if (token != null) {
            secrets.put("token", token);
        }
        byId.put(Sealed.id(s.id()), new Stored(Sealed.seal(s.id(), secrets.toString()), user, role, s.lastSeen()));
        save();
        return s;
    }

    /** The live session of this cookie value (its idle time restarts). */
    Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        final String key = Sealed.id(id);
        final Stored s = byId.get(key);
        if (s == null) {
            return Optional.empty();
        }
        final Instant now = clock.instant();
        if (s.lastSeen().plus(IDLE).isBefore(now)) {
            byId.remove(key);
            save();
            return Optional.empty();
        }
        final Optional<String> secrets = Sealed.open(id, s.sealed());
        if (secrets.isEmpty()) {
            return Optional.empty();
        }
        final JsonNode open;
        try {
            open = JSON.readTree(secrets.get());
        } catch (IOException e) {
            LOG.warn("a console session's sealed part is not JSON: the session is dropped");
            remove(id);
            return Optional.empty();
        }
        if (s.lastSeen().plus(TOUCH).isBefore(now)) {
            byId.put(key, new Stored(s.sealed(), s.user(), s.role(), now));
            save();
        }
        return Optional.of(new Session(
                id,
                open.path("csrf").asText(),
                open.hasNonNull("token") ? open.path("token").asText() : null,
                s.user(),
                s.role(),
                now));
    }

    /** Ends the session of this cookie value (sign out): it is gone from memory and from the file. */
    void remove(String id) {
        if (id != null && byId.remove(Sealed.id(id)) != null) {
            save();
        }
    }

    /** True when {@code presented} equals the session's CSRF token (constant time). */
    static boolean csrfMatches(Session s, String presented) {
        return presented != null
                && MessageDigest.isEqual(
                        s.csrf().getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }

    private void load() {
        if (file == null || !Files.exists(file)) {
            return;
        }
        try {
            final JsonNode all = JSON.readTree(file.toFile());
            final Instant now = clock.instant();
            for (final JsonNode n : all == null ? JSON.createArrayNode() : all) {
                final Instant seen = Instant.parse(n.path("lastSeen").asText());
                if (!seen.plus(IDLE).isBefore(now)) {
                    byId.put(
                            n.path("id").asText(),
                            new Stored(
                                    n.path("sealed").asText(),
                                    n.path("user").asText(),
                                    n.path("role").asText("developer"),
                                    seen));
                }
            }
            LOG.info("console: {} session(s) restored from {}", byId.size(), file);
        } catch (IOException | RuntimeException e) {
            LOG.warn("console: the sessions in {} cannot be read ({}): everyone signs in again", file, e.getMessage());
        }
    }

    private synchronized void save() {
        if (file == null) {
            return;
        }
        final ArrayNode all = JSON.createArrayNode();
        final Instant now = clock.instant();
        byId.forEach((key, s) -> {
            if (!s.lastSeen().plus(IDLE).isBefore(now)) {
                all.addObject()
                        .put("id", key)
                        .put("sealed", s.sealed())
                        .put("user", s.user())
                        .put("role", s.role())
                        .put("lastSeen", s.lastSeen().toString());
            }
        });
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(all), AtomicFiles.PRIVATE);
        } catch (IOException e) {
            LOG.warn("console: cannot write the sessions to {} ({}): they last until a restart", file, e.getMessage());
        }
    }
}
