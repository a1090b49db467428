package dev.slipway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link SignInLinks}. */
class SignInLinksTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-12-05T06:00:00Z"));

    @TempDir
    Path data;

    @Test
    void redeem_once_thenUseless() {
        final SignInLinks links = SignInLinks.in(data, clock);
        final String secret = links.create("slw_token", "manager", "approver", Duration.ofMinutes(10));
        final SignInLinks.Redeemed r = links.redeem(secret).orElseThrow();
        assertThat(r.token()).isEqualTo("slw_token");
        assertThat(r.user()).isEqualTo("manager");
        assertThat(r.role()).isEqualTo("approver");
        assertThat(links.redeem(secret)).isEmpty();
        assertThat(SignInLinks.in(data, clock).redeem(secret)).isEmpty(); // not even by another process
    }

    @Test
    void redeem_expired_refusedAndRemoved() throws Exception {
        final SignInLinks links = SignInLinks.in(data, clock);
        final String secret = links.create("slw_token", "alice", "developer", Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(10));
        assertThat(links.redeem(secret)).isEmpty();
        clock.set(Instant.parse("2026-12-05T06:01:00Z"));
        assertThat(links.redeem(secret)).isEmpty(); // gone, not merely late
        assertThat(Files.readString(data.resolve("auth/signin-links.json"))).isEqualTo("[]");
    }

    @Test
    void redeem_wrongOrAlteredSecret_nothing_andTheRealLinkStillWorks() {
        final SignInLinks links = SignInLinks.in(data, clock);
        final String secret = links.create("slw_token", "alice", "developer", Duration.ofMinutes(10));
        assertThat(links.redeem(secret.substring(1))).isEmpty();
        assertThat(links.redeem(secret + "A")).isEmpty();
        assertThat(links.redeem("")).isEmpty();
        assertThat(links.redeem(null)).isEmpty();
        assertThat(links.redeem(secret)).isPresent();
    }

    @Test
    void file_private_holdsNeitherTheSecretNorTheToken() throws Exception {
        final String secret =
                SignInLinks.in(data, clock).create("slw_token_value", "alice", "developer", Duration.ofMinutes(5));
        final Path file = data.resolve("auth/signin-links.json");
        assertThat(Files.readString(file))
                .contains("alice")
                .doesNotContain(secret)
                .doesNotContain("slw_token_value");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void create_expiryOutOfRange_refused() {
        final SignInLinks links = SignInLinks.in(data, clock);
        assertThatThrownBy(() -> links.create("t", "alice", "developer", Duration.ZERO))
                .hasMessageContaining("expires");
        assertThatThrownBy(() -> links.create("t", "alice", "developer", Duration.ofHours(25)))
                .hasMessageContaining("expires");
    }

    @Test
    void expiredLinks_prunedWhenTheNextIsMade() throws Exception {
        final SignInLinks links = SignInLinks.in(data, clock);
        links.create("slw_1", "old", "developer", Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(2));
        links.create("slw_2", "new", "developer", Duration.ofMinutes(1));
        assertThat(Files.readString(data.resolve("auth/signin-links.json")))
                .doesNotContain("\"old\"")
                .contains("new");
    }
}
