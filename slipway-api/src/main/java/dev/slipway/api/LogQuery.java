package dev.slipway.api;

import java.time.Duration;

/**
 * What to read of a log: {@code GET /api/v1/namespaces/{ns}/deployments/{name}/logs?node=&replica=&since=&follow=}
 * (model-server output, every replica's lines prefixed {@code [NODE/replica-ID]} and interleaved by time) and
 * {@code GET /api/v1/controlplane/log?since=&follow=} (the control plane's own log; admin only under {@code --auth}).
 * Answered as {@code text/plain} lines; with {@code follow} the answer stays open and streams new lines.
 *
 * @param node only this graph node's replicas, or null for all
 * @param replica only the replica with this id ({@code 0}, {@code 3}), or null for all
 * @param since only lines at most this old, or null for all
 * @param follow keep the answer open and send new lines as they are written
 */
public record LogQuery(String node, String replica, Duration since, boolean follow) {

    /** Everything there is, not followed. */
    public static LogQuery all() {
        return new LogQuery(null, null, null, false);
    }
}
