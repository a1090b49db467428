package dev.slipway.protocol.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.protocol.ProtocolException;
import dev.slipway.protocol.v1.SeldonMessageReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Finding 15 of issue 13: a number that does not fit a 64-bit float ({@code 1e999999}) was read as infinity and
 * answered 200 with nulls; it is a client's mistake (ProtocolException, a 400) wherever a number is read.
 */
class HostileNumbersTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"data\": {\"ndarray\": [[1e999999, 2]]}}",
                "{\"data\": {\"ndarray\": [-1e999999]}}",
                "{\"data\": {\"tensor\": {\"shape\": [1], \"values\": [1e400]}}}",
                "{\"jsonData\": {\"x\": 1e999999}}",
                "{\"data\": {\"ndarray\": [123456789012345678901234567890e999999]}}"
            })
    void outOfRangeNumbers_areRefused(String body) {
        assertThatThrownBy(() -> SeldonMessageReader.readMessage(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("out of the range of a 64-bit float");
    }
}
