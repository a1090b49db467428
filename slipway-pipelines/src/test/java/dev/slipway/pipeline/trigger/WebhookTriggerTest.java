package dev.slipway.pipeline.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.model.PipelineKind;
import dev.slipway.pipeline.model.Trigger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Tests for {@link WebhookTrigger} and {@link PushEvent}. */
class WebhookTriggerTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private final WebhookVerifier verifier = new WebhookVerifier("s3cret");
    private final WebhookTrigger trigger = new WebhookTrigger(verifier, "main");

    private static byte[] push(String ref, String after, String defaultBranch) {
        return ("""
        {"ref": "%s", "before": "%s", "after": "%s", "deleted": false,
         "repository": {"full_name": "team/news", "clone_url": "https://git.example.com/team/news.git", "default_branch": "%s"},
         "pusher": {"name": "ds"}}
        """.formatted(ref, "f".repeat(40), after, defaultBranch)).getBytes(StandardCharsets.UTF_8);
    }

    private WebhookTrigger.Decision deliver(String event, byte[] body) {
        return trigger.decide(event, verifier.sign(body), "delivery-1", body);
    }

    @Test
    void decide_pushToDefaultBranch_runsRelease() {
        WebhookTrigger.Decision d = deliver("push", push("refs/heads/main", SHA, "main"));
        assertThat(d).isInstanceOf(WebhookTrigger.Run.class);
        WebhookTrigger.Run run = (WebhookTrigger.Run) d;
        assertThat(run.request().kind()).isEqualTo(PipelineKind.release);
        assertThat(run.request().revision()).isEqualTo(SHA);
        assertThat(run.request().branch()).isEqualTo("main");
        assertThat(run.request().repository()).isEqualTo("https://git.example.com/team/news.git");
        assertThat(run.request().trigger()).isEqualTo(new Trigger(Trigger.Type.webhook, "delivery-1"));
    }

    /**
     * Issue 13: the run never acts as the pusher the payload names ({@code "pusher": {"name": "ds"}}) — a name on
     * another system that whoever holds the secret can write — not even without a delivery id.
     */
    @Test
    void decide_withoutADeliveryId_neverTakesThePayloadsPusherAsTheRunsIdentity() {
        byte[] body = push("refs/heads/main", SHA, "main");
        WebhookTrigger.Run run = (WebhookTrigger.Run) trigger.decide("push", verifier.sign(body), null, body);
        assertThat(run.request().trigger()).isEqualTo(new Trigger(Trigger.Type.webhook, ""));
    }

    @Test
    void decide_pushToOtherBranch_runsPullRequest() {
        WebhookTrigger.Run run = (WebhookTrigger.Run) deliver("push", push("refs/heads/feature/x", SHA, "main"));
        assertThat(run.request().kind()).isEqualTo(PipelineKind.pullRequest);
        assertThat(run.request().branch()).isEqualTo("feature/x");
    }

    @Test
    void decide_badSignature_isRejectedAndNothingRuns() {
        byte[] body = push("refs/heads/main", SHA, "main");
        WebhookTrigger.Decision d = trigger.decide("push", new WebhookVerifier("wrong").sign(body), "d", body);
        assertThat(d)
                .isEqualTo(new WebhookTrigger.Rejected(
                        "X-Hub-Signature-256 does not match the body (wrong secret or altered payload)", true));
        assertThat(trigger.decide("push", null, "d", body)).isInstanceOf(WebhookTrigger.Rejected.class);
    }

    @Test
    void decide_tagPingOtherEventsAndDeletions_areIgnored() {
        assertThat(deliver("push", push("refs/tags/v1", SHA, "main")))
                .isEqualTo(new WebhookTrigger.Ignored("refs/tags/v1 is not a branch"));
        assertThat(deliver("ping", "{}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new WebhookTrigger.Ignored("ping"));
        assertThat(deliver("issues", "{}".getBytes(StandardCharsets.UTF_8))).isInstanceOf(WebhookTrigger.Ignored.class);
        assertThat(deliver("push", push("refs/heads/old", "0".repeat(40), "main")))
                .isEqualTo(new WebhookTrigger.Ignored("branch old was deleted"));
    }

    @Test
    void decide_malformedPush_isRejectedNamingTheField() {
        assertThat(deliver("push", "{\"ref\": \"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new WebhookTrigger.Rejected("push event: after: missing or not a string", false));
        assertThat(deliver("push", push("refs/heads/main", "HEAD", "main")))
                .isEqualTo(new WebhookTrigger.Rejected("push event: after: 'HEAD' is not a commit id", false));
        assertThat(deliver("push", "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WebhookTrigger.Rejected.class);
    }

    @Test
    void decide_noDefaultBranchInPayload_usesTheFallback() {
        WebhookTrigger.Run run = (WebhookTrigger.Run) deliver("push", push("refs/heads/main", SHA, ""));
        assertThat(run.request().kind()).isEqualTo(PipelineKind.release);
    }
}
