package dev.slipway.controlplane.api;

import dev.slipway.api.WhoAmI;
import dev.slipway.controlplane.auth.AuthHandler;
import dev.slipway.controlplane.auth.Principal;
import io.vertx.ext.web.Router;
import java.util.Locale;
import java.util.Objects;

/** {@code GET /api/v1/whoami}: the authenticated caller's user and role (none without {@code --auth}). */
public final class WhoAmIApi implements ApiRoutes {

    private final Replies replies;
    private final boolean auth;

    /**
     * @param replies how routes answer
     * @param auth true when the API requires tokens
     */
    public WhoAmIApi(Replies replies, boolean auth) {
        this.replies = Objects.requireNonNull(replies, "replies");
        this.auth = auth;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/whoami").handler(rc -> {
            final Principal p = rc.get(AuthHandler.PRINCIPAL);
            replies.json(
                    rc,
                    200,
                    p == null
                            ? new WhoAmI(auth, null, null)
                            : new WhoAmI(auth, p.name(), p.role().name().toLowerCase(Locale.ROOT)));
        });
    }
}
