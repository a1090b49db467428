package dev.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A remote the control plane polls for new commits ({@code GET|POST|DELETE /api/v1/pipelines/pollers}); {@code POST}
 * takes {@code remote} and {@code interval} only.
 *
 * @param remote the git URL
 * @param interval how often, e.g. {@code 60s}
 * @param lastPoll when it last polled, or null
 * @param lastError the last poll's error, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Poller(String remote, String interval, Instant lastPoll, String lastError) {

    /** The body of {@code POST /api/v1/pipelines/pollers}. */
    public static Poller of(String remote, String interval) {
        return new Poller(remote, interval, null, null);
    }
}
