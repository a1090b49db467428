package dev.slipway.gitops.repo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GitOps commit message: a subject people read in {@code git log --oneline} ({@code Promote iris to staging (from
 * iris-model@1a2b3c4)}), the rest of the message, then the structured data as git trailers
 * ({@code git log --format='%(trailers:key=Slipway-Approved-By)'} reads them):
 * <pre>
 * Slipway-Action: Deployment created
 * Slipway-Author: carol &lt;carol@example.com&gt;
 * Slipway-Source: iris-model@1a2b3c4d…
 * Slipway-Run: 20261205-101500-ab12
 * Slipway-Approved-By: bob
 * </pre>
 * {@link #parse} also reads the two older forms (the reference architecture's JSON
 * {@code {"Action":…,"Message":…,"Author":…,"Email":…}} as the first line, or after a human subject, with
 * {@code Approved-by:}-style trailers). Trailer names are compared without the {@code Slipway-} prefix and without
 * case, so {@code trailer("Approved-by")} finds {@code Slipway-Approved-By} too.
 *
 * @param action what happened ({@code Deployment created}, {@code Deployment updated}, {@code Rollback}, …)
 * @param message for people (its first line is the subject)
 * @param author who did it
 * @param email their e-mail, or empty
 * @param trailers the other trailers, by name without the prefix ({@code Approved-By}), in order
 */
public record CommitMessage(String action, String message, String author, String email, Map<String, String> trailers) {

    private static final Logger LOG = LoggerFactory.getLogger(CommitMessage.class);

    public static final String CREATED = "Deployment created";
    public static final String UPDATED = "Deployment updated";
    public static final String PROMOTED = "Promotion merged";
    public static final String ROLLBACK = "Rollback";
    public static final String APPROVED_BY = "Approved-By";
    public static final String SOURCE = "Source";
    public static final String RUN = "Run";
    public static final String PROMOTION = "Promotion";

    /** The prefix of every trailer Slipway writes. */
    public static final String PREFIX = "Slipway-";

    private static final String ACTION = "Action";
    private static final String AUTHOR = "Author";
    private static final java.util.regex.Pattern TRAILER = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9-]*: .*");
    private static final java.util.regex.Pattern NAME_EMAIL = java.util.regex.Pattern.compile("(.*?)\\s*<([^>]*)>");
    private static final ObjectMapper JSON = Mappers.json();

    public CommitMessage {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(email, "email");
        final Map<String, String> normalized = new LinkedHashMap<>();
        trailers.forEach((k, v) -> normalized.put(name(k), v));
        trailers = java.util.Collections.unmodifiableMap(normalized);
    }

    /** A message without trailers. */
    public static CommitMessage of(String action, String message, String author, String email) {
        return new CommitMessage(action, message, author, email, Map.of());
    }

    /** A copy with one more trailer. */
    public CommitMessage withTrailer(String key, String value) {
        final Map<String, String> t = new LinkedHashMap<>(trailers);
        t.put(name(key), value);
        return new CommitMessage(action, message, author, email, t);
    }

    /** A trailer's value, by its name with or without the prefix, in any case ({@code Approved-by}). */
    public Optional<String> trailer(String key) {
        return Optional.ofNullable(trailers.get(name(key)));
    }

    /** The subject line: the message's first line (the action when there is no message). */
    public String subject() {
        final String first = firstLine();
        return first.length() > 100 ? first.substring(0, 99) + "…" : first;
    }

    private String firstLine() {
        return message.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .findFirst()
                .orElse(action);
    }

    /** The full commit message: subject, the rest of the message, the trailers. */
    public String format() {
        final StringBuilder sb = new StringBuilder(subject()).append("\n\n");
        final String body = body();
        if (!body.isEmpty()) {
            sb.append(body).append("\n\n");
        }
        trailer(sb, ACTION, action);
        trailer(sb, AUTHOR, email.isEmpty() ? author : author + " <" + email + ">");
        trailers.forEach((k, v) -> trailer(sb, k, v));
        return sb.toString();
    }

    /** The message without its first line (all of it when the subject had to be shortened). */
    private String body() {
        final String text = message.strip();
        if (firstLine().length() > 100) {
            return text;
        }
        final int nl = text.indexOf('\n');
        return nl < 0 || !text.substring(0, nl).strip().equals(firstLine())
                ? ""
                : text.substring(nl + 1).strip();
    }

    private static void trailer(StringBuilder sb, String key, String value) {
        if (!value.isEmpty()) {
            sb.append(PREFIX)
                    .append(key)
                    .append(": ")
                    .append(value.replace("\r", "").replace('\n', ' '))
                    .append('\n');
        }
    }

    /** {@code slipway-approved-by}, {@code Approved-by} → {@code Approved-By}. */
    static String name(String key) {
        String k = key.strip();
        if (k.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            k = k.substring(PREFIX.length());
        }
        final StringBuilder b = new StringBuilder();
        for (final String part : k.split("-", -1)) {
            if (b.length() > 0) {
                b.append('-');
            }
            if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0)))
                        .append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return b.toString();
    }

    /** Reads a commit message in any of its forms; one that is not structured becomes an empty action. */
    public static CommitMessage parse(String full) {
        final String[] paragraphs = full.strip().split("\n\\s*\n");
        final Map<String, String> trailers = new LinkedHashMap<>();
        int bodyEnd = paragraphs.length;
        if (paragraphs.length > 1) {
            final List<String> lines =
                    new ArrayList<>(paragraphs[paragraphs.length - 1].lines().toList());
            if (lines.stream().allMatch(l -> TRAILER.matcher(l).matches())) {
                lines.forEach(l -> trailers.put(name(l.substring(0, l.indexOf(':'))), l.substring(l.indexOf(':') + 2)));
                bodyEnd = paragraphs.length - 1;
            }
        }
        final String first = paragraphs.length == 0 ? "" : paragraphs[0].strip();
        for (int i = 0; i < Math.min(paragraphs.length, 2); i++) {
            final String p = paragraphs[i].strip();
            if (p.startsWith("{")) {
                try {
                    final JsonNode n = JSON.readTree(p);
                    if (n.isObject() && n.has("Action")) {
                        return new CommitMessage(
                                n.path("Action").asText(""),
                                n.path("Message").asText(""),
                                n.path("Author").asText(""),
                                n.path("Email").asText(""),
                                trailers);
                    }
                } catch (IOException e) {
                    LOG.trace("a paragraph that only looks like JSON: not structured", e);
                }
            }
        }
        final String action = trailers.remove(ACTION);
        if (action != null) {
            final String who = java.util.Objects.requireNonNullElse(trailers.remove(AUTHOR), "");
            final java.util.regex.Matcher m = NAME_EMAIL.matcher(who);
            final String text = String.join(
                            "\n\n", java.util.Arrays.asList(paragraphs).subList(0, bodyEnd))
                    .strip();
            return m.matches()
                    ? new CommitMessage(
                            action, text, m.group(1).strip(), m.group(2).strip(), trailers)
                    : new CommitMessage(action, text, who, "", trailers);
        }
        return new CommitMessage("", first.lines().findFirst().orElse(""), "", "", trailers);
    }
}
