package dev.slipway.gitops.repo;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the GitOps repository lives: a local bare repository (a folder) or a remote URL
 * ({@code https://…}, {@code ssh://…}, {@code git@host:path}, {@code file://…}) with optional HTTPS credentials.
 *
 * @param spec the folder or URL as given
 * @param user HTTPS user name, or null
 * @param token HTTPS password or token, or null
 */
public record GitOpsLocation(String spec, String user, String token) {

    private static final Pattern SCP_LIKE = Pattern.compile("^[A-Za-z0-9._-]+@[A-Za-z0-9._-]+:.+");

    public GitOpsLocation {
        Objects.requireNonNull(spec, "spec");
        if (spec.isBlank()) {
            throw new IllegalArgumentException("--gitops: a folder or URL is required");
        }
    }

    /** A location with credentials from the environment ({@code SLIPWAY_GITOPS_USER}, {@code SLIPWAY_GITOPS_TOKEN}). */
    public static GitOpsLocation of(String spec) {
        return new GitOpsLocation(spec, System.getenv("SLIPWAY_GITOPS_USER"), System.getenv("SLIPWAY_GITOPS_TOKEN"));
    }

    /** True when this is a URL reached through a git transport (also {@code file://}). */
    public boolean remote() {
        return spec.contains("://") || SCP_LIKE.matcher(spec).matches();
    }

    /** The local folder (only when not {@link #remote}). */
    public Path folder() {
        if (remote()) {
            throw new IllegalStateException(spec + " is a URL");
        }
        return Path.of(spec).toAbsolutePath().normalize();
    }

    /** The location without credentials, for messages. */
    @Override
    public String toString() {
        return spec.replaceAll("://[^/@]+@", "://");
    }
}
