package dev.slipway.gitops.repo;

import org.slf4j.LoggerFactory;
import org.slf4j.Logger;
import dev.slipway.support.Mappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A GitOps commit message: a subject people read in {@code git log --oneline} ({@code Promote iris to staging (from
 * iris-model@1a2b3c4)}), then, after a blank line, the structured data the reference architecture writes,
 * {@code {"Action":"Deployment created","Message":"…","Author":"…","Email":"…"}}, then git trailers
 * ({@code Approved-by: bob}, {@code Promotion: 1a2b3c4d}). {@link #parse} reads this and the older form whose first
 * line is the JSON.
 *
 * @param action what happened ({@code Deployment created}, {@code Deployment updated}, {@code Rollback}, …)
 * @param message for people (its first line is the subject)
 * @param author who did it
 * @param email their e-mail, or empty
 * @param trailers git trailers, in order
 */
public record CommitMessage(String action, String message, String author, String email, Map<String, String> trailers) {

  private static final Logger LOG = LoggerFactory.getLogger(CommitMessage.class);

  public static final String CREATED = "Deployment created";
  public static final String UPDATED = "Deployment updated";
  public static final String PROMOTED = "Promotion merged";
  public static final String ROLLBACK = "Rollback";
  public static final String APPROVED_BY = "Approved-by";

  private static final ObjectMapper JSON = Mappers.json();

  public CommitMessage {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(email, "email");
    trailers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(trailers));
  }

  /** A message without trailers. */
  public static CommitMessage of(String action, String message, String author, String email) {
    return new CommitMessage(action, message, author, email, Map.of());
  }

  /** A copy with one more trailer. */
  public CommitMessage withTrailer(String key, String value) {
    final Map<String, String> t = new LinkedHashMap<>(trailers);
    t.put(key, value);
    return new CommitMessage(action, message, author, email, t);
  }

  /** A trailer's value. */
  public Optional<String> trailer(String key) {
    return Optional.ofNullable(trailers.get(key));
  }

  /** The subject line: the message's first line (the action when there is no message). */
  public String subject() {
    final String first = message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(action);
    return first.length() > 100 ? first.substring(0, 99) + "…" : first;
  }

  /** The full commit message: subject, the structured JSON, trailers. */
  public String format() {
    final ObjectNode n = JSON.createObjectNode();
    n.put("Action", action).put("Message", message).put("Author", author).put("Email", email);
    final StringBuilder sb = new StringBuilder(subject()).append("\n\n").append(n.toString()).append('\n');
    if (!trailers.isEmpty()) {
      sb.append('\n');
      trailers.forEach((k, v) -> sb.append(k).append(": ").append(v.replace('\n', ' ')).append('\n'));
    }
    return sb.toString();
  }

  /** Reads a commit message; one that is not structured becomes an empty action with its first line. */
  public static CommitMessage parse(String full) {
    final String[] paragraphs = full.strip().split("\n\\s*\n");
    final Map<String, String> trailers = new LinkedHashMap<>();
    if (paragraphs.length > 1) {
      final List<String> lines = new ArrayList<>(paragraphs[paragraphs.length - 1].lines().toList());
      if (lines.stream().allMatch(l -> l.matches("[A-Za-z][A-Za-z0-9-]*: .*"))) {
        lines.forEach(l -> trailers.put(l.substring(0, l.indexOf(':')), l.substring(l.indexOf(':') + 2)));
      }
    }
    final String first = paragraphs.length == 0 ? "" : paragraphs[0].strip();
    for (int i = 0; i < Math.min(paragraphs.length, 2); i++) {
      final String p = paragraphs[i].strip();
      if (p.startsWith("{")) {
        try {
          final JsonNode n = JSON.readTree(p);
          if (n.isObject() && n.has("Action")) {
            return new CommitMessage(n.path("Action").asText(""), n.path("Message").asText(""),
                n.path("Author").asText(""), n.path("Email").asText(""), trailers);
          }
        } catch (IOException e) {
          LOG.trace("a paragraph that only looks like JSON: not structured", e);
        }
      }
    }
    return new CommitMessage("", first.lines().findFirst().orElse(""), "", "", trailers);
  }
}
