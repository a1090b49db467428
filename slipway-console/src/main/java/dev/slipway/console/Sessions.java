package dev.slipway.console;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in browsers: a random session id (the HttpOnly, SameSite=Strict cookie) maps to the user's API token, which
 * never leaves the server, and to a CSRF token that every state-changing request must echo in a header. Sessions
 * live in memory for 12 hours of inactivity: a restart of {@code slipway up} signs everyone out.
 */
final class Sessions {

  static final String COOKIE = "slipway_session";
  static final Duration IDLE = Duration.ofHours(12);

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

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Session> byId = new ConcurrentHashMap<>();
  private final Clock clock;

  Sessions(Clock clock) {
    this.clock = clock;
  }

  static String random() {
    final byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  Session create(String token, String user, String role) {
    final Session s = new Session(random(), random(), token, user, role, clock.instant());
    byId.put(s.id(), s);
    return s;
  }

  /** The live session of this cookie value (its idle time restarts). */
  Optional<Session> find(String id) {
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    final Session s = byId.get(id);
    if (s == null) {
      return Optional.empty();
    }
    if (s.lastSeen().plus(IDLE).isBefore(clock.instant())) {
      byId.remove(id);
      return Optional.empty();
    }
    final Session seen = new Session(s.id(), s.csrf(), s.token(), s.user(), s.role(), clock.instant());
    byId.put(id, seen);
    return Optional.of(seen);
  }

  void remove(String id) {
    if (id != null) {
      byId.remove(id);
    }
  }

  /** True when {@code presented} equals the session's CSRF token (constant time). */
  static boolean csrfMatches(Session s, String presented) {
    return presented != null && MessageDigest.isEqual(s.csrf().getBytes(StandardCharsets.US_ASCII),
        presented.getBytes(StandardCharsets.US_ASCII));
  }
}
