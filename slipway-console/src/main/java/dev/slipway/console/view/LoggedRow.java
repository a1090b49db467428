package dev.slipway.console.view;

import java.util.List;

/**
 * One prediction the request log kept, as the request-log page shows it. Payloads are JSON text (pretty-printed,
 * cut at a display limit); the template escapes all of it.
 *
 * @param time ISO time of its first event
 * @param nodes the graph nodes whose events were logged
 * @param request the request payload as JSON text, or empty
 * @param response the response payload as JSON text, or empty
 * @param reward the feedback's reward, or empty
 * @param truth the feedback's truth as JSON text, or empty
 * @param feedbackTime ISO time of the feedback, or empty (no feedback)
 * @param truncated true when the sink kept a payload without its content (over its size limit)
 */
public record LoggedRow(
        String puid,
        String time,
        String predictor,
        List<String> nodes,
        String request,
        String response,
        String reward,
        String truth,
        String feedbackTime,
        boolean truncated) {

    public LoggedRow {
        nodes = List.copyOf(nodes);
    }

    /** True when feedback was sent for it. */
    public boolean hasFeedback() {
        return !feedbackTime.isEmpty();
    }

    /** The first line of a payload, at most 80 characters (the summary of its folded block). */
    public static String preview(String json) {
        final String flat = json.replaceAll("\\s+", " ").trim();
        return flat.length() > 80 ? flat.substring(0, 79) + "…" : flat;
    }
}
