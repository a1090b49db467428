package dev.slipway.cli.command;

import dev.slipway.support.Durations;
import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a {@code DURATION} flag ({@code 500ms}, {@code 30s}, {@code 2m}, {@code PT1M}) with {@link Durations}: a bad
 * value is a usage error naming the flag, e.g. {@code Invalid value for option '--timeout': 'soon' is not a duration}.
 * Use {@code @Option(converter = DurationConverter.class) Duration x}; {@link Positive} refuses zero.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value, Durations::parse);
    }

    /** A duration of more than zero. */
    public static final class Positive implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parse(value, Durations::parsePositive);
        }
    }

    private static Duration parse(String value, Function<String, Duration> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
