package dev.slipway.gitops.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.artifact.ArtifactException;
import dev.slipway.artifact.ArtifactRef;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --set-image NAME=NAME:VERSION}, as {@code kustomize edit set image} does it: every container of a
 * SeldonDeployment whose image has the name {@code NAME} (whatever its version, or none) gets the new reference.
 * A pipeline builds {@code my-server:$VERSION}, tests and promotes exactly that build while its repository's manifest
 * keeps a placeholder ({@code my-server:local}). An override that changes no container is an error, so a typo never
 * promotes the old image silently: call {@link #requireAllUsed()} after applying to every manifest.
 */
public final class ImageOverrides {

    private final Map<String, ArtifactRef> byName;
    private final Set<String> used = new LinkedHashSet<>();

    private ImageOverrides(Map<String, ArtifactRef> byName) {
        this.byName = byName;
    }

    /** No overrides. */
    public static ImageOverrides none() {
        return new ImageOverrides(Map.of());
    }

    /**
     * Parses {@code NAME=NAME:VERSION} flags ({@code NAME:VERSION} alone means the same name); {@code flag} names the
     * option in errors.
     */
    public static ImageOverrides parse(Collection<String> values, String flag) {
        final Map<String, ArtifactRef> byName = new LinkedHashMap<>();
        for (final String value : values == null ? List.<String>of() : values) {
            final int eq = value.indexOf('=');
            final String target = eq < 0 ? value : value.substring(eq + 1);
            final ArtifactRef ref;
            try {
                ref = ArtifactRef.parse(target.strip());
            } catch (ArtifactException e) {
                throw new IllegalArgumentException(flag + " " + value + ": " + e.getMessage()
                        + " (write NAME=NAME:VERSION, e.g. my-server=my-server:1.0.1)");
            }
            final String name = eq < 0 ? ref.name() : value.substring(0, eq).strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException(flag + " " + value + ": the image name before '=' is empty");
            }
            if (byName.put(name, ref) != null) {
                throw new IllegalArgumentException(flag + " " + value + ": image '" + name + "' is set twice");
            }
        }
        return new ImageOverrides(Map.copyOf(byName));
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** Replaces the images of {@code manifest}'s containers (a SeldonDeployment tree); returns how many changed. */
    public synchronized int apply(JsonNode manifest) {
        if (byName.isEmpty()) {
            return 0;
        }
        int changed = 0;
        for (final JsonNode predictor : manifest.path("spec").path("predictors")) {
            for (final JsonNode component : predictor.path("componentSpecs")) {
                for (final JsonNode container : component.path("spec").path("containers")) {
                    final JsonNode image = container.get("image");
                    if (!container.isObject() || image == null || !image.isTextual()) {
                        continue;
                    }
                    final String name = nameOf(image.asText());
                    final ArtifactRef ref = byName.get(name);
                    if (ref != null) {
                        ((ObjectNode) container).put("image", ref.toString());
                        used.add(name);
                        changed++;
                    }
                }
            }
        }
        return changed;
    }

    /** Fails naming every override that matched no container of the manifests it was applied to. */
    public synchronized void requireAllUsed(String flag, String where) {
        final List<String> unused =
                byName.keySet().stream().filter(n -> !used.contains(n)).toList();
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException(
                    flag + " " + String.join(", ", unused) + ": no container in " + where
                            + " has an image of that name (spec.predictors[].componentSpecs[].spec.containers[].image, NAME:VERSION)");
        }
    }

    /** The name part of an image reference: before {@code @digest} and before a {@code :tag} after the last '/'. */
    static String nameOf(String image) {
        String s = image;
        final int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        final int colon = s.lastIndexOf(':');
        if (colon > s.lastIndexOf('/')) {
            s = s.substring(0, colon);
        }
        return s;
    }
}
