package dev.slipway.serving.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Where a logged node's events go: the node's own {@code logger.url}, else its namespace's sink (an environment's
 * {@code requestLog.url}), else the default sink ({@code slipway up --request-log-url}); and, besides, to a
 * <em>mirror</em> (the built-in sink of {@code slipway up --request-log}) that receives every event once. When the
 * mirror is an {@link InProcessSink}, events to its URL are handed to it without an HTTP exchange.
 */
public final class RequestLogSinks {

    private final String defaultUrl;
    private final String mirrorUrl;
    private final @Nullable InProcessSink inProcess;
    private final Map<String, String> byNamespace = new ConcurrentHashMap<>();

    /**
     * @param defaultUrl the sink of nodes that name none, or null
     * @param mirrorUrl a sink that gets every event as well, or null
     */
    public RequestLogSinks(@Nullable String defaultUrl, @Nullable String mirrorUrl) {
        this(defaultUrl, mirrorUrl, null);
    }

    private RequestLogSinks(
            @Nullable String defaultUrl, @Nullable String mirrorUrl, @Nullable InProcessSink inProcess) {
        this.defaultUrl = blankToNull(defaultUrl);
        this.mirrorUrl = blankToNull(mirrorUrl);
        this.inProcess = inProcess;
    }

    /**
     * @param defaultUrl the sink of nodes that name none, or null
     * @param mirror the built-in sink in this process: it gets every event as well, handed over without HTTP
     */
    public static RequestLogSinks withBuiltIn(@Nullable String defaultUrl, InProcessSink mirror) {
        return new RequestLogSinks(defaultUrl, mirror.url(), java.util.Objects.requireNonNull(mirror, "mirror"));
    }

    /** The sink in this process that takes the events sent to {@code url}, or null (then they go over HTTP). */
    @Nullable
    InProcessSink inProcess(String url) {
        return inProcess != null && url.equals(mirrorUrl) ? inProcess : null;
    }

    /** No sinks: only nodes whose logger names a URL log. */
    public static RequestLogSinks none() {
        return new RequestLogSinks(null, null);
    }

    private static String blankToNull(String url) {
        return url == null || url.isBlank() ? null : url.strip();
    }

    /** Replaces the per-namespace sinks (namespace → URL), e.g. from {@code environments.yaml}. */
    public void namespaces(Map<String, String> sinks) {
        byNamespace.keySet().retainAll(sinks.keySet());
        byNamespace.putAll(sinks);
    }

    /** The default sink, or null. */
    public String defaultUrl() {
        return defaultUrl;
    }

    /** The sink every event also goes to, or null. */
    public String mirrorUrl() {
        return mirrorUrl;
    }

    /** The URLs an event of {@code logger}'s node in {@code namespace} goes to (empty: nowhere). */
    List<String> targets(NodeLogger logger, String namespace) {
        final List<String> out = new ArrayList<>(2);
        String url = blankToNull(logger.url());
        if (url == null) {
            url = byNamespace.get(namespace);
        }
        if (url == null) {
            url = defaultUrl;
        }
        if (url != null) {
            out.add(url);
        }
        if (mirrorUrl != null && !mirrorUrl.equals(url)) {
            out.add(mirrorUrl);
        }
        return out;
    }
}
