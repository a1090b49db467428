package dev.slipway.controlplane.api;

import dev.slipway.support.DnsLabel;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Namespaces and deployment names in the URL are DNS labels before any route sees them: a 400 naming the part for
 * {@code ..%2f..%2fauth}, {@code a%2Fb}, {@code Ab} or {@code -a}, so no later code builds a path from one.
 */
final class NameGuard {

    private NameGuard() {}

    /** Mounts the checks (before every part's routes). */
    static void mount(Router router) {
        router.route("/api/v1/namespaces/:ns").handler(NameGuard::check);
        router.route("/api/v1/namespaces/:ns/*").handler(NameGuard::check);
        router.route("/api/v1/namespaces/:ns/deployments/:name").handler(NameGuard::check);
        router.route("/api/v1/namespaces/:ns/deployments/:name/*").handler(NameGuard::check);
    }

    private static void check(RoutingContext rc) {
        final String ns = rc.pathParam("ns");
        final String name = rc.pathParam("name");
        String problem = ns == null ? null : DnsLabel.problem("namespace", ns);
        if (problem == null && name != null) {
            problem = DnsLabel.problem("name", name);
        }
        if (problem != null) {
            rc.fail(ApiException.badRequest(problem));
            return;
        }
        rc.next();
    }
}
