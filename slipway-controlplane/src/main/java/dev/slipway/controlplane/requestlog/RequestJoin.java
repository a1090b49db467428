package dev.slipway.controlplane.requestlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.slipway.api.LoggedRequest;
import dev.slipway.support.Mappers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Joins a deployment's events by puid into predictions: the first request event, the last response event, the nodes
 * they crossed, and the feedback sent for it (its {@code reward} and {@code truth}). Pure: no I/O.
 */
public final class RequestJoin {

    private static final JsonMapper JSON = Mappers.json();

    private RequestJoin() {}

    /** The newest first order of a list: by time, and predictions made at the same time by puid (both descending). */
    static final Comparator<LoggedRequest> NEWEST_FIRST = Comparator.comparing(LoggedRequest::time)
            .thenComparing(LoggedRequest::puid)
            .reversed();

    /** The predictions of {@code events} (oldest first) made at or after {@code since}, newest first, at most {@code limit}. */
    public static List<LoggedRequest> join(List<RequestLogStore.Event> events, @Nullable Instant since, int limit) {
        return join(events, since, null, null, limit);
    }

    /**
     * As above, and after the prediction made at {@code before} whose puid is {@code beforePuid} in {@link
     * #NEWEST_FIRST} order (before null: no bound; beforePuid null: strictly before that time): the next page of a
     * list whose last shown prediction is that one. The puid keeps predictions made in the same microsecond from
     * being skipped between two pages.
     */
    public static List<LoggedRequest> join(
            List<RequestLogStore.Event> events,
            @Nullable Instant since,
            @Nullable Instant before,
            @Nullable String beforePuid,
            int limit) {
        final Map<String, Builder> byPuid = new LinkedHashMap<>();
        for (final RequestLogStore.Event e : events) {
            byPuid.computeIfAbsent(e.id(), id -> new Builder(e)).add(e);
        }
        final List<LoggedRequest> out = new ArrayList<>();
        for (final Builder b : byPuid.values()) {
            if ((since == null || !b.time.isBefore(since)) && after(b, before, beforePuid)) {
                out.add(b.build());
            }
        }
        out.sort(NEWEST_FIRST);
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    private static boolean after(Builder b, @Nullable Instant before, @Nullable String beforePuid) {
        if (before == null || b.time.isBefore(before)) {
            return true;
        }
        return beforePuid != null && b.time.equals(before) && b.first.id().compareTo(beforePuid) < 0;
    }

    private static final class Builder {
        final RequestLogStore.Event first;
        final Instant time;
        final List<String> nodes = new ArrayList<>();
        String predictor;

        @Nullable
        JsonNode request;

        @Nullable
        JsonNode response;

        LoggedRequest.@Nullable Feedback feedback;
        boolean truncated;

        Builder(RequestLogStore.Event first) {
            this.first = first;
            this.time = first.time();
            this.predictor = first.predictor();
        }

        void add(RequestLogStore.Event e) {
            truncated |= e.truncated();
            switch (e.type()) {
                case "request" -> {
                    node(e);
                    if (request == null) {
                        request = e.payload();
                        predictor = e.predictor();
                    }
                }
                case "response" -> {
                    node(e);
                    response = e.payload();
                }
                case "feedback" -> feedback = feedback(e);
                default -> {}
            }
        }

        private void node(RequestLogStore.Event e) {
            if (!nodes.contains(e.node())) {
                nodes.add(e.node());
            }
        }

        private static LoggedRequest.Feedback feedback(RequestLogStore.Event e) {
            final JsonNode p = e.payload();
            final JsonNode reward = p == null ? null : p.get("reward");
            final JsonNode truth = p == null ? null : p.get("truth");
            return new LoggedRequest.Feedback(
                    e.time(),
                    reward != null && reward.isNumber() ? reward.asDouble() : null,
                    truth == null || truth.isNull() ? null : plain(truth));
        }

        LoggedRequest build() {
            return new LoggedRequest(
                    first.id(),
                    time,
                    first.namespace(),
                    first.deployment(),
                    predictor,
                    nodes,
                    request == null ? null : plain(request),
                    response == null ? null : plain(response),
                    feedback,
                    truncated);
        }
    }

    /** A JSON tree as plain Java values (maps, lists, numbers, strings), as the API record carries payloads. */
    private static Object plain(JsonNode n) {
        return JSON.convertValue(n, Object.class);
    }
}
