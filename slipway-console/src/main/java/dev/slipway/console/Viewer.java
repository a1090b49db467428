package dev.slipway.console;

/**
 * Who looks at a page, as the templates need it: the layout shows the user or the unauthenticated banner, and the
 * pages hide what the role cannot do (the API refuses it anyway).
 *
 * @param auth true when {@code slipway up} runs with {@code --auth}
 * @param user the signed-in user, or null
 * @param role the user's role, or null
 * @param csrf the session's CSRF token for the page's scripts, or null
 * @param path the request path (marks the current section in the navigation)
 */
public record Viewer(boolean auth, String user, String role, String csrf, String path) {

    /** True when the viewer may approve, reject and roll back: an approver or admin, or anyone without auth. */
    public boolean approver() {
        return !auth || "approver".equals(role) || "admin".equals(role);
    }

    /** True when {@code section} (e.g. {@code /pipelines}) is the current section. */
    public boolean in(String section) {
        return section.equals("/") ? path.equals("/") : path.startsWith(section);
    }
}
