package dev.slipway.pipeline.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.support.Mappers;
import java.io.IOException;

/**
 * The parts of a GitHub (or Gitea) {@code push} event a run needs.
 *
 * @param ref the full ref, e.g. {@code refs/heads/main}
 * @param branch the branch name, or empty when the ref is not a branch (a tag)
 * @param commit the pushed commit ({@code after})
 * @param cloneUrl {@code repository.clone_url}
 * @param repository {@code repository.full_name}
 * @param defaultBranch {@code repository.default_branch} (or {@code master_branch}), or empty
 * @param deleted whether the push deleted the ref
 * @param pusher {@code pusher.name}, or empty
 */
public record PushEvent(
        String ref,
        String branch,
        String commit,
        String cloneUrl,
        String repository,
        String defaultBranch,
        boolean deleted,
        String pusher) {

    private static final ObjectMapper JSON = Mappers.json();
    private static final String HEADS = "refs/heads/";

    /** Parses a push payload; a missing or malformed field is named in the error. */
    public static PushEvent parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("push event: not JSON: "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                            ? j.getOriginalMessage()
                            : e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("push event: not a JSON object");
        }
        String ref = text(root, "ref");
        String after = text(root, "after");
        if (!after.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
            throw new IllegalArgumentException("push event: after: '" + after + "' is not a commit id");
        }
        JsonNode repo = root.path("repository");
        if (!repo.isObject()) {
            throw new IllegalArgumentException("push event: repository: missing");
        }
        String cloneUrl = text(repo, "clone_url");
        String defaultBranch =
                repo.path("default_branch").asText(repo.path("master_branch").asText(""));
        String branch = ref.startsWith(HEADS) ? ref.substring(HEADS.length()) : "";
        return new PushEvent(
                ref,
                branch,
                after,
                cloneUrl,
                repo.path("full_name").asText(""),
                defaultBranch,
                root.path("deleted").asBoolean(false) || after.matches("0{40}|0{64}"),
                root.path("pusher").path("name").asText(""));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException("push event: " + field + ": missing or not a string");
        }
        return v.asText();
    }
}
