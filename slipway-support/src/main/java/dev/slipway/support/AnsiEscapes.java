package dev.slipway.support;

import java.util.regex.Pattern;

/**
 * Removes ANSI terminal escape sequences (colours, cursor moves, window titles) from text that is stored or shown
 * somewhere other than a terminal: pipeline step logs, a failed build's output. Colours stay out of files, and a
 * secret cannot hide from masking behind an escape sequence in its middle.
 */
public final class AnsiEscapes {

    /** CSI ({@code ESC [ … final}), OSC ({@code ESC ] … BEL|ESC \}), and two-character escapes ({@code ESC c}, {@code ESC 7}). */
    private static final Pattern ESCAPE = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?|\u001B[0-?@-Z\\\\-~]|\u009B[0-?]*[ -/]*[@-~]");

    private AnsiEscapes() {}

    /** {@code text} without escape sequences (unchanged, and not copied, when it has none). */
    public static String strip(String text) {
        if (text.indexOf('\u001B') < 0 && text.indexOf('\u009B') < 0) {
            return text;
        }
        return ESCAPE.matcher(text).replaceAll("");
    }
}
