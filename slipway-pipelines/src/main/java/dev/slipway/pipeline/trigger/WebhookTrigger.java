package dev.slipway.pipeline.trigger;

import dev.slipway.pipeline.model.Trigger;
import dev.slipway.pipeline.run.RunRequest;
import java.util.Map;

/**
 * Decides what a webhook delivery does, before anything runs: rejected (bad signature or payload),
 * ignored (not a branch push), or a run of the pushed commit with the pipeline its branch selects. The
 * HTTP endpoint only maps the decision to a status code (401 / 400, 202 with a reason, 202).
 */
public final class WebhookTrigger {

    /** What to do with a delivery. */
    public sealed interface Decision permits Rejected, Ignored, Run {}

    /** Refused: nothing runs. {@code signature} tells a 401 from a 400. */
    public record Rejected(String reason, boolean signature) implements Decision {}

    /** Valid but nothing to run (a ping, a tag, a deleted branch). */
    public record Ignored(String reason) implements Decision {}

    /** Run this. */
    public record Run(RunRequest request, PushEvent event) implements Decision {}

    private final WebhookVerifier verifier;
    private final String fallbackDefaultBranch;

    /**
     * @param verifier checks signatures with the shared secret
     * @param fallbackDefaultBranch the default branch when the payload does not say (e.g. {@code main})
     */
    public WebhookTrigger(WebhookVerifier verifier, String fallbackDefaultBranch) {
        this.verifier = verifier;
        this.fallbackDefaultBranch = fallbackDefaultBranch;
    }

    /**
     * @param event the {@code X-GitHub-Event} (or {@code X-Gitea-Event}) header
     * @param signature the {@code X-Hub-Signature-256} header
     * @param delivery the {@code X-GitHub-Delivery} header, recorded as the trigger's detail (empty without one)
     * @param body the raw body, exactly as received
     */
    public Decision decide(String event, String signature, String delivery, byte[] body) {
        WebhookVerifier.Verification v = verifier.verify(body, signature);
        if (!v.accepted()) {
            return new Rejected(v.reason(), true);
        }
        if ("ping".equals(event)) {
            return new Ignored("ping");
        }
        if (!"push".equals(event)) {
            return new Ignored("event '" + event + "' does not start runs (only push)");
        }
        PushEvent push;
        try {
            push = PushEvent.parse(body);
        } catch (IllegalArgumentException e) {
            return new Rejected(e.getMessage(), false);
        }
        if (push.branch().isEmpty()) {
            return new Ignored(push.ref() + " is not a branch");
        }
        if (push.deleted()) {
            return new Ignored("branch " + push.branch() + " was deleted");
        }
        String defaultBranch = push.defaultBranch().isEmpty() ? fallbackDefaultBranch : push.defaultBranch();
        RunRequest request = new RunRequest(
                push.cloneUrl(),
                push.commit(),
                push.branch(),
                PipelineSelector.select(push.branch(), defaultBranch),
                // never the pusher the payload names: a name on another system, which whoever holds the secret
                // can write; the run acts as webhook:DELIVERY (docs/security.md)
                new Trigger(Trigger.Type.webhook, delivery == null ? "" : delivery),
                Map.of(),
                null,
                null);
        return new Run(request, push);
    }
}
