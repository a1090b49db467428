package dev.slipway.support;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The one duration syntax of flags, pipeline files and API bodies: {@code 500ms}, {@code 90s}, {@code 1.5s},
 * {@code 5m}, {@code 1h}, {@code 2d}, ISO-8601 {@code PT5M}, or a bare number of seconds.
 */
public final class Durations {

    /** The forms accepted, for error messages. */
    public static final String FORMS = "e.g. 500ms, 90s, 5m, 1h, PT5M";

    private Durations() {}

    /** Parses a duration of zero or more; throws {@link IllegalArgumentException} naming the accepted forms. */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no duration given (" + FORMS + ")");
        }
        final String t = text.trim().toLowerCase(Locale.ROOT);
        final Duration d;
        try {
            if (t.startsWith("p")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(number(t, 2)));
            } else if (t.endsWith("s")) {
                d = millis(number(t, 1), 1000);
            } else if (t.endsWith("m")) {
                d = millis(number(t, 1), 60_000);
            } else if (t.endsWith("h")) {
                d = millis(number(t, 1), 3_600_000);
            } else if (t.endsWith("d")) {
                d = millis(number(t, 1), 86_400_000);
            } else {
                d = Duration.ofSeconds(Long.parseLong(t));
            }
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (" + FORMS + ")", e);
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' is negative; a duration is zero or more");
        }
        return d;
    }

    /** Parses a duration of more than zero. */
    public static Duration parsePositive(String text) {
        final Duration d = parse(text);
        if (d.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is not a positive duration (" + FORMS + ")");
        }
        return d;
    }

    /** A Jenkins {@code timeout {time, unit}}: unit is milliseconds, seconds, minutes, hours or days (any case). */
    public static Duration of(long time, String unit) {
        if (time <= 0) {
            throw new IllegalArgumentException("time must be positive, not " + time);
        }
        final String u = unit.trim().toLowerCase(Locale.ROOT);
        return switch (u.endsWith("s") ? u.substring(0, u.length() - 1) : u) {
            case "millisecond" -> Duration.ofMillis(time);
            case "second" -> Duration.ofSeconds(time);
            case "minute" -> Duration.ofMinutes(time);
            case "hour" -> Duration.ofHours(time);
            case "day" -> Duration.ofDays(time);
            default ->
                throw new IllegalArgumentException("unit '" + unit + "' is not one of seconds, minutes, hours, days");
        };
    }

    /** A short text form that {@link #parse} reads back: {@code 90s}, {@code 5m}, {@code 2h}, {@code 1500ms}. */
    public static String format(Duration d) {
        if (d.toMillisPart() != 0 || d.getNano() % 1_000_000 != 0) {
            return d.toMillis() + "ms";
        }
        final long s = d.getSeconds();
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    private static Duration millis(String number, long unit) {
        final double millis = Double.parseDouble(number) * unit;
        if (!Double.isFinite(millis) || Math.abs(millis) >= Long.MAX_VALUE) {
            throw new NumberFormatException("out of range");
        }
        return Duration.ofMillis(Math.round(millis));
    }

    private static String number(String t, int suffix) {
        final String n = t.substring(0, t.length() - suffix).trim();
        if (n.isEmpty() || n.startsWith("+")) {
            throw new NumberFormatException("no number");
        }
        return n;
    }
}
