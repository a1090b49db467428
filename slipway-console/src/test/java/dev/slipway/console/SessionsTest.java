package dev.slipway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Tests for {@link Sessions}. */
class SessionsTest {

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-05T03:00:00Z"));
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };

  @Test
  void create_randomIdsAndCsrfTokens_findByIdOnly() {
    final Sessions sessions = new Sessions(clock);
    final Sessions.Session a = sessions.create("slw_a", "alice", "developer");
    final Sessions.Session b = sessions.create("slw_b", "bob", "approver");
    assertThat(a.id()).isNotEqualTo(b.id()).isNotEqualTo(a.csrf()).hasSizeGreaterThanOrEqualTo(43);
    assertThat(sessions.find(a.id())).get().extracting(Sessions.Session::user).isEqualTo("alice");
    assertThat(sessions.find(a.csrf())).isEmpty();
    assertThat(sessions.find("")).isEmpty();
    assertThat(sessions.find(null)).isEmpty();
    assertThat(b.approver()).isTrue();
    assertThat(a.approver()).isFalse();
  }

  @Test
  void find_idleTooLong_signedOut() {
    final Sessions sessions = new Sessions(clock);
    final Sessions.Session a = sessions.create("slw_a", "alice", "developer");
    now.set(now.get().plus(Sessions.IDLE).minusSeconds(1));
    assertThat(sessions.find(a.id())).isPresent(); // seen: the idle time restarts
    now.set(now.get().plus(Sessions.IDLE).minusSeconds(1));
    assertThat(sessions.find(a.id())).isPresent();
    now.set(now.get().plus(Sessions.IDLE).plus(Duration.ofSeconds(1)));
    assertThat(sessions.find(a.id())).isEmpty();
  }

  @Test
  void remove_signsOut() {
    final Sessions sessions = new Sessions(clock);
    final Sessions.Session a = sessions.create("slw_a", "alice", "developer");
    sessions.remove(a.id());
    assertThat(sessions.find(a.id())).isEmpty();
  }

  @Test
  void csrfMatches_onlyTheSessionsToken() {
    final Sessions sessions = new Sessions(clock);
    final Sessions.Session a = sessions.create("slw_a", "alice", "developer");
    final Sessions.Session b = sessions.create("slw_b", "bob", "developer");
    assertThat(Sessions.csrfMatches(a, a.csrf())).isTrue();
    assertThat(Sessions.csrfMatches(a, b.csrf())).isFalse();
    assertThat(Sessions.csrfMatches(a, null)).isFalse();
    assertThat(Sessions.csrfMatches(a, "")).isFalse();
  }
}
