package dev.slipway.cli.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses repeated {@code k=v} options, naming the option and the bad value. */
final class KeyValues {
    private KeyValues() {}

    static Map<String, String> parse(List<String> pairs, String option) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(option + " expects name=value, not '" + p + "'");
            }
            out.put(p.substring(0, eq).trim(), p.substring(eq + 1));
        }
        return out;
    }
}
