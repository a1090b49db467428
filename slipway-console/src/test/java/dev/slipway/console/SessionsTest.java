package dev.slipway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link Sessions}. */
class SessionsTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-12-05T03:00:00Z"));

    @TempDir
    Path dir;

    @Test
    void create_randomIdsAndCsrfTokens_findByIdOnly() {
        final Sessions sessions = new Sessions(clock);
        final Sessions.Session a = sessions.create("slw_a", "alice", "developer");
        final Sessions.Session b = sessions.create("slw_b", "bob", "approver");
        assertThat(a.id()).isNotEqualTo(b.id()).isNotEqualTo(a.csrf()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(sessions.find(a.id()))
                .get()
                .extracting(Sessions.Session::user)
                .isEqualTo("alice");
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
        clock.advance(Sessions.IDLE.minusSeconds(1));
        assertThat(sessions.find(a.id())).isPresent(); // seen: the idle time restarts
        clock.advance(Sessions.IDLE.minusSeconds(1));
        assertThat(sessions.find(a.id())).isPresent();
        clock.advance(Sessions.IDLE.plus(Duration.ofSeconds(1)));
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

    @Test
    void file_sessionSurvivesARestart_withItsTokenAndCsrf() {
        final Path file = dir.resolve("auth/console-sessions.json");
        final Sessions.Session a = new Sessions(clock, file).create("slw_a", "alice", "approver");
        final Sessions restarted = new Sessions(clock, file);
        final Sessions.Session found = restarted.find(a.id()).orElseThrow();
        assertThat(found.token()).isEqualTo("slw_a");
        assertThat(found.csrf()).isEqualTo(a.csrf());
        assertThat(found.user()).isEqualTo("alice");
        assertThat(found.role()).isEqualTo("approver");
    }

    @Test
    void file_private_holdsNoIdTokenOrCsrfInClear() throws Exception {
        final Path file = dir.resolve("auth/console-sessions.json");
        final Sessions.Session a = new Sessions(clock, file).create("slw_secret_token", "alice", "developer");
        final String text = Files.readString(file);
        assertThat(text)
                .contains("alice")
                .doesNotContain(a.id())
                .doesNotContain("slw_secret_token")
                .doesNotContain(a.csrf());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void file_signOutDeletesTheSession_alsoAfterARestart() throws Exception {
        final Path file = dir.resolve("auth/console-sessions.json");
        final Sessions sessions = new Sessions(clock, file);
        final Sessions.Session a = sessions.create("slw_a", "alice", "developer");
        final Sessions.Session b = sessions.create("slw_b", "bob", "developer");
        sessions.remove(a.id());
        assertThat(Files.readString(file)).doesNotContain("alice").contains("bob");
        final Sessions restarted = new Sessions(clock, file);
        assertThat(restarted.find(a.id())).isEmpty();
        assertThat(restarted.find(b.id())).isPresent();
    }

    @Test
    void file_expiredWhileDown_notRestored() {
        final Path file = dir.resolve("auth/console-sessions.json");
        final Sessions.Session a = new Sessions(clock, file).create("slw_a", "alice", "developer");
        clock.advance(Sessions.IDLE.plusSeconds(1));
        assertThat(new Sessions(clock, file).find(a.id())).isEmpty();
    }

    @Test
    void file_alteredSealedPart_orAnotherCookie_findsNothing() throws Exception {
        final Path file = dir.resolve("auth/console-sessions.json");
        final Sessions.Session a = new Sessions(clock, file).create("slw_a", "alice", "developer");
        Files.writeString(
                file, Files.readString(file).replaceAll("\"sealed\":\"[A-Za-z0-9+/]{4}", "\"sealed\":\"AAAA"));
        assertThat(new Sessions(clock, file).find(a.id())).isEmpty();
        assertThat(new Sessions(clock, file).find(a.id() + "x")).isEmpty();
    }

    @Test
    void file_unreadable_everyoneSignsInAgain_andTheConsoleStillWorks() throws Exception {
        final Path file = dir.resolve("auth/console-sessions.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{not json");
        final Sessions sessions = new Sessions(clock, file);
        final Sessions.Session a = sessions.create("slw_a", "alice", "developer");
        assertThat(new Sessions(clock, file).find(a.id())).isPresent();
    }
}
