package dev.slipway.controlplane.api;

import io.vertx.ext.web.Router;

/** A part of the API: adds its routes to the {@link ApiServer}'s router. */
@FunctionalInterface
public interface ApiRoutes {

    /** Adds this part's routes. */
    void mount(Router router);
}
