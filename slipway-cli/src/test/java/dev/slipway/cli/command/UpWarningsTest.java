package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link Up#warnings}: issue 13, finding 15 (risky ways to start slipway up are said out loud). */
class UpWarningsTest {

    @TempDir
    Path tmp;

    private static Up up(String host, boolean auth) {
        Up up = new Up();
        up.listen.host = host;
        up.auth = auth;
        return up;
    }

    @Test
    void nonLoopbackHostWithoutAuth_warns() {
        assertThat(up("0.0.0.0", false).warnings(tmp))
                .singleElement()
                .asString()
                .contains("--host 0.0.0.0", "--auth is off");
        assertThat(up("0.0.0.0", true).warnings(tmp)).isEmpty();
        assertThat(up("127.0.0.1", false).warnings(tmp)).isEmpty();
        assertThat(up("localhost", false).warnings(tmp)).isEmpty();
        assertThat(up("[::1]", false).warnings(tmp)).isEmpty();
    }

    @Test
    void dataFolderWithTokensWithoutAuth_warns() throws Exception {
        Files.writeString(Files.createDirectories(tmp.resolve("auth")).resolve("tokens.json"), "[]");
        assertThat(up("127.0.0.1", false).warnings(tmp))
                .singleElement()
                .asString()
                .contains("has API tokens", "nothing checks them");
        assertThat(up("127.0.0.1", true).warnings(tmp)).isEmpty();
    }
}
