package dev.slipway.console.view;

import java.util.List;
import java.util.Locale;

/** Small formatting helpers the templates call. */
public final class Fmt {

    private Fmt() {}

    /** {@code 2026-12-05T03:10:22.123456Z} → {@code 2026-12-05 03:10:22Z}; other text as is. */
    public static String time(String iso) {
        if (iso == null || iso.length() < 19 || iso.charAt(10) != 'T') {
            return iso == null ? "" : iso;
        }
        return iso.substring(0, 10) + " " + iso.substring(11, 19) + "Z";
    }

    /** A CSS class for a state word: {@code ok}, {@code bad}, {@code run}, {@code off} or {@code warn}. */
    public static String tone(String state) {
        return switch (state.toLowerCase(Locale.ROOT)) {
            case "succeeded", "healthy", "synced", "merged", "approved", "ready", "true" -> "ok";
            case "failed", "timedout", "degraded", "rejected", "crashed", "false" -> "bad";
            case "running", "started", "progressing", "pending", "open", "starting" -> "run";
            case "skipped", "cancelled", "superseded", "missing", "unknown" -> "off";
            default -> "warn";
        };
    }

    /** An SVG polyline's points for a series in a {@code w}×{@code h} box (0 at the bottom), or empty. */
    public static String points(List<Double> series, int w, int h) {
        if (series.isEmpty()) {
            return "";
        }
        double max = 0;
        for (final double v : series) {
            max = Math.max(max, v);
        }
        final double scale = max <= 0 ? 0 : (h - 2) / max;
        final int n = series.size();
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            final double x = n == 1 ? w : (double) i * w / (n - 1);
            final double y = h - 1 - series.get(i) * scale;
            sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return sb.toString().trim();
    }

    /** A number for a chart's label: {@code 0.42}, {@code 12}, {@code 1.2k}. */
    public static String num(double v) {
        if (v >= 1000) {
            return String.format(Locale.ROOT, "%.1fk", v / 1000);
        }
        if (v >= 10 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Bytes as {@code 12.3 MB}. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", n / 1024.0 / 1024.0);
    }
}
