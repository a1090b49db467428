package dev.slipway.kubernetes.render;

import dev.slipway.gitops.spec.Manifest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * The one entry point of rendering: what the Kubernetes target applies and {@code slipway render} prints are the
 * same objects. In mode {@code native} the environment's gateway ({@link GatewayRenderer}) comes first.
 */
public final class Renderer {

    private final NativeRenderer nativeRenderer = new NativeRenderer();
    private final SeldonRenderer seldonRenderer = new SeldonRenderer();
    private final GatewayRenderer gatewayRenderer = new GatewayRenderer();

    /** The objects of one deployment. */
    public List<HasMetadata> deployment(Manifest manifest, RenderOptions options) {
        return options.mode() == RenderMode.NATIVE
                ? nativeRenderer.render(manifest, options)
                : seldonRenderer.render(manifest, options);
    }

    /** The objects an environment needs besides its deployments: the gateway in mode native, nothing otherwise. */
    public List<HasMetadata> environment(RenderOptions options) {
        return options.mode() == RenderMode.NATIVE ? gatewayRenderer.render(options) : List.of();
    }

    /** Everything for {@code manifests}: the environment's objects, then each deployment's. */
    public List<HasMetadata> all(List<Manifest> manifests, RenderOptions options) {
        final List<HasMetadata> out = new ArrayList<>(environment(options));
        for (final Manifest m : manifests) {
            out.addAll(deployment(m, options));
        }
        return out;
    }
}
