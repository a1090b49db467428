package dev.slipway.controlplane.auth;

import java.util.Objects;

/** An authenticated caller: a user with a role, or a pipeline run acting through its run-scoped token. */
public record Principal(String name, Role role) {
    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }
}
