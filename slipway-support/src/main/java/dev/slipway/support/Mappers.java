package dev.slipway.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one place JSON and YAML {@code ObjectMapper}s are configured. Every mapper parses within {@link Limits}
 * (nesting depth, string length, document size; YAML also aliases; duplicate keys), and reads and writes
 * {@code java.time} values as ISO-8601 text. Each call returns a new mapper, so a caller may add its own features
 * (e.g. {@code INDENT_OUTPUT}) without affecting anyone else.
 */
public final class Mappers {

    private Mappers() {}

    /** A JSON mapper within {@link Limits#DEFAULT}. */
    public static JsonMapper json() {
        return json(Limits.DEFAULT);
    }

    /** A JSON mapper within {@code limits}. */
    public static JsonMapper json(Limits limits) {
        return withTimeAsText(JsonMapper.builder(jsonFactory(limits)));
    }

    /**
     * The JSON factory behind {@link #json(Limits)}, for codecs that stream tokens themselves. Doubles are written and
     * read by Jackson's own algorithms (Schubfach, FastDoubleParser) instead of JDK 17's {@code Double.toString} and
     * {@code parseDouble}: the JDK's writer was ~10% of a model server's CPU per iris prediction (bench/README.md,
     * "Model server: what a prediction costs"). Parsing gives the same doubles; writing gives the shortest text that
     * reads back as the same double (as Python's {@code repr} does), where JDK 17 sometimes wrote more digits.
     */
    public static JsonFactory jsonFactory(Limits limits) {
        return JsonFactory.builder()
                .streamReadConstraints(constraints(limits))
                .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, limits.rejectDuplicateKeys())
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .build();
    }

    /** A YAML mapper within {@link Limits#DEFAULT}. */
    public static YAMLMapper yaml() {
        return yaml(Limits.DEFAULT);
    }

    /**
     * A YAML mapper within {@code limits}; it writes without a {@code ---} start marker and quotes strings only where
     * YAML needs it.
     */
    public static YAMLMapper yaml(Limits limits) {
        return withTimeAsText(YAMLMapper.builder(yamlFactory(limits)));
    }

    /** The YAML factory behind {@link #yaml(Limits)}, for readers that walk tokens themselves. */
    public static YAMLFactory yamlFactory(Limits limits) {
        final LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(limits.maxDocumentBytes());
        options.setMaxAliasesForCollections(limits.maxAliases());
        options.setNestingDepthLimit(limits.maxDepth());
        options.setAllowDuplicateKeys(!limits.rejectDuplicateKeys());
        options.setAllowRecursiveKeys(false);
        return YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(constraints(limits))
                .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, limits.rejectDuplicateKeys())
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build();
    }

    private static StreamReadConstraints constraints(Limits limits) {
        return StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth())
                .maxStringLength(limits.maxStringChars())
                .maxDocumentLength(limits.maxDocumentBytes())
                .build();
    }

    /** {@code java.time} values as ISO-8601 text, for JSON and YAML alike. */
    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> M withTimeAsText(B builder) {
        return builder.addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .build();
    }
}
