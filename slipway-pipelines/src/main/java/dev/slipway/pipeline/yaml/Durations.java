package dev.slipway.pipeline.yaml;

import java.time.Duration;
import java.util.Locale;

/** Durations as pipelines write them: {@code 90s}, {@code 500ms}, {@code 5m}, {@code 1h}, {@code PT5M}, or a time and unit. */
public final class Durations {

  private Durations() {}

  /** Parses a duration string; throws IllegalArgumentException with the accepted forms. */
  public static Duration parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      Duration d;
      if (t.startsWith("pt")) {
        d = Duration.parse(t.toUpperCase(Locale.ROOT));
      } else if (t.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
      } else if (t.endsWith("s")) {
        d = Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 1000));
      } else if (t.endsWith("m")) {
        d = Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 60));
      } else if (t.endsWith("h")) {
        d = Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 3600));
      } else {
        d = Duration.ofSeconds(Long.parseLong(t));
      }
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("'" + text + "' is not a positive duration");
      }
      return d;
    } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 500ms, 90s, 5m, 1h, PT5M)");
    }
  }

  /** A Jenkins {@code timeout {time, unit}}: unit is seconds, minutes, hours or days (any case, singular or plural). */
  public static Duration of(long time, String unit) {
    if (time <= 0) {
      throw new IllegalArgumentException("time must be positive, not " + time);
    }
    String u = unit.trim().toLowerCase(Locale.ROOT);
    return switch (u.endsWith("s") ? u.substring(0, u.length() - 1) : u) {
      case "millisecond" -> Duration.ofMillis(time);
      case "second" -> Duration.ofSeconds(time);
      case "minute" -> Duration.ofMinutes(time);
      case "hour" -> Duration.ofHours(time);
      case "day" -> Duration.ofDays(time);
      default -> throw new IllegalArgumentException("unit '" + unit + "' is not one of seconds, minutes, hours, days");
    };
  }

  /** A short text form: {@code 90s}, {@code 5m}, {@code 1500ms}. */
  public static String format(Duration d) {
    if (d.toMillisPart() != 0) {
      return d.toMillis() + "ms";
    }
    long s = d.getSeconds();
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
