package dev.slipway.artifact;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name and version of a published artifact, written {@code NAME:VERSION} as a container image reference
 * ({@code image-classifier:1.0.0}, {@code acme/scorer:3f2a9c1}).
 *
 * @param name lower-case path components ({@code [a-z0-9]+([._-][a-z0-9]+)*}, separated by {@code /}), at most 128
 * @param version a tag ({@code [A-Za-z0-9_][A-Za-z0-9_.-]*}, at most 128)
 */
public record ArtifactRef(String name, String version) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    public ArtifactRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        if (name.length() > 128 || !NAME.matcher(name).matches()) {
            throw new ArtifactException(
                    ArtifactException.Kind.INVALID,
                    "artifact name '" + name
                            + "' must be lower-case letters and digits separated by '.', '_', '-' or '/' (at most 128)");
        }
        if (!VERSION.matcher(version).matches()) {
            throw new ArtifactException(
                    ArtifactException.Kind.INVALID,
                    "artifact version '" + version
                            + "' must be letters, digits, '_', '.' or '-' not starting with '.' or '-' (at most 128)");
        }
    }

    /** Parses {@code NAME:VERSION}; the version is required (no implicit {@code latest}: artifacts are immutable). */
    public static ArtifactRef parse(String reference) {
        Objects.requireNonNull(reference, "reference");
        final int colon = reference.lastIndexOf(':');
        if (colon <= 0 || colon == reference.length() - 1 || reference.indexOf('/', colon) >= 0) {
            throw new ArtifactException(
                    ArtifactException.Kind.INVALID,
                    "artifact reference '" + reference + "' must be NAME:VERSION (e.g. image-classifier:1.0.0)");
        }
        return new ArtifactRef(reference.substring(0, colon), reference.substring(colon + 1));
    }

    /** True when {@code reference} is a well-formed {@code NAME:VERSION}. */
    public static boolean isReference(String reference) {
        try {
            parse(reference);
            return true;
        } catch (ArtifactException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return name + ":" + version;
    }
}
