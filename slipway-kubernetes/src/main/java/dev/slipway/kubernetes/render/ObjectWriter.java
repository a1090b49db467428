package dev.slipway.kubernetes.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Locale;

/** Writes rendered objects as kubectl reads them: YAML documents separated by {@code ---}, or one JSON List. */
public final class ObjectWriter {

    /** The output formats. */
    public enum Format {
        YAML,
        JSON;

        /** Parses {@code yaml} or {@code json}. */
        public static Format parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("-o: '" + text + "' is not a format (yaml or json)");
            }
        }
    }

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    /** {@code objects} in {@code format}. */
    public String write(List<HasMetadata> objects, Format format) {
        if (format == Format.JSON) {
            return serialization.asJson(
                            new KubernetesListBuilder().withItems(objects).build()) + "\n";
        }
        final StringBuilder out = new StringBuilder();
        for (final HasMetadata o : objects) {
            String doc = serialization.asYaml(o);
            if (!doc.startsWith("---")) {
                out.append("---\n");
            }
            out.append(doc);
            if (!doc.endsWith("\n")) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
