package dev.slipway.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link SignIn} and the origin check of {@link Web}. */
class SignInTest {

    @ParameterizedTest
    @CsvSource({
        "/pipelines?state=Failed, /pipelines?state=Failed",
        "/promotions/p1, /promotions/p1",
        "//evil.example/x, /",
        "https://evil.example/, /",
        "/\\evil.example, /",
        "/signin?next=/x, /",
        "'', /",
    })
    void safeNext_onlyPathsOfThisConsole(String next, String expected) {
        assertThat(SignIn.safeNext(next)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:8080, 127.0.0.1:8080, true",
        "http://127.0.0.1:8081, 127.0.0.1:8080, false",
        "http://evil.example, 127.0.0.1:8080, false",
        "null, 127.0.0.1:8080, false",
        "http://127.0.0.1:8080.evil.example, 127.0.0.1:8080, false",
    })
    void sameOrigin_onlyThisHostAndPort(String origin, String authority, boolean expected) {
        assertThat(Web.sameOrigin(origin, authority)).isEqualTo(expected);
    }
}
