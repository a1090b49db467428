package dev.slipway.api;

/**
 * A repository hosted by the control plane ({@code GET|POST /api/v1/repositories}); {@code POST} takes a body with
 * the name only.
 *
 * @param name its name ({@code [A-Za-z0-9][A-Za-z0-9._-]*})
 * @param url where git clones and pushes it ({@code http://HOST:PORT/git/NAME.git}); null in a request
 */
public record Repository(String name, String url) {

    /** The body of {@code POST /api/v1/repositories}. */
    public static Repository named(String name) {
        return new Repository(name, null);
    }
}
