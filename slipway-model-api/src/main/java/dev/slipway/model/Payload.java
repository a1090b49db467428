package dev.slipway.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a model receives and returns, independent of the wire protocol.
 *
 * <p>Exactly one kind of content is present: named {@link Tensor}s (Seldon v1 {@code data}, one tensor
 * named {@link #DEFAULT_NAME}; Open Inference v2 {@code inputs}/{@code outputs}, one per name), text
 * ({@code strData}), bytes ({@code binData}) or a JSON value ({@code jsonData}: maps, lists, strings,
 * numbers, booleans and nulls). Alongside: the feature (column) names of v1 {@code data.names}, and
 * the request's tags ({@code meta.tags}), which a server echoes back merged with the model's tags.
 */
public final class Payload {

    /** The tensor name used for the single tensor of a Seldon v1 message. */
    public static final String DEFAULT_NAME = "input-0";

    /** The content kind. */
    public enum Kind {
        TENSORS,
        STRING,
        BYTES,
        JSON
    }

    private final Kind kind;
    private final Map<String, Tensor> tensors;
    private final @Nullable String text;
    private final byte @Nullable [] bytes;
    private final @Nullable Object json;
    private final List<String> names;
    private final Map<String, Object> tags;

    private Payload(
            Kind kind,
            Map<String, Tensor> tensors,
            @Nullable String text,
            byte @Nullable [] bytes,
            @Nullable Object json,
            List<String> names,
            Map<String, Object> tags) {
        this.kind = kind;
        this.tensors = tensors;
        this.text = text;
        this.bytes = bytes;
        this.json = json;
        this.names = names;
        this.tags = tags;
    }

    /** One unnamed tensor (Seldon v1 {@code data}). */
    public static Payload of(Tensor tensor) {
        return ofTensors(Map.of(DEFAULT_NAME, Objects.requireNonNull(tensor, "tensor")));
    }

    /** Named tensors in order (Open Inference v2). */
    public static Payload ofTensors(Map<String, Tensor> tensors) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("a tensor payload needs at least one tensor");
        }
        return new Payload(
                Kind.TENSORS,
                Collections.unmodifiableMap(new LinkedHashMap<>(tensors)),
                null,
                null,
                null,
                List.of(),
                Map.of());
    }

    /** Text ({@code strData}). */
    public static Payload ofString(String text) {
        return new Payload(
                Kind.STRING, Map.of(), Objects.requireNonNull(text, "text"), null, null, List.of(), Map.of());
    }

    /** Bytes ({@code binData}); the array is owned by the payload from now on. */
    public static Payload ofBytes(byte[] bytes) {
        return new Payload(
                Kind.BYTES, Map.of(), null, Objects.requireNonNull(bytes, "bytes"), null, List.of(), Map.of());
    }

    /** A JSON value ({@code jsonData}) made of maps, lists, strings, numbers, booleans and nulls. */
    public static Payload ofJson(@Nullable Object json) {
        return new Payload(Kind.JSON, Map.of(), null, null, json, List.of(), Map.of());
    }

    /** This payload with the given feature (column) names. */
    public Payload withNames(List<String> featureNames) {
        return new Payload(kind, tensors, text, bytes, json, List.copyOf(featureNames), tags);
    }

    /** This payload with the given tags (values: strings, numbers, booleans, lists, maps). */
    public Payload withTags(Map<String, Object> newTags) {
        return new Payload(
                kind, tensors, text, bytes, json, names, Collections.unmodifiableMap(new LinkedHashMap<>(newTags)));
    }

    public Kind kind() {
        return kind;
    }

    /** The tensors by name, in order; empty unless {@link Kind#TENSORS}. */
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /**
     * The only (or first) tensor.
     *
     * @throws ModelException.InvalidInput when the payload holds no tensor
     */
    public Tensor tensor() {
        if (kind != Kind.TENSORS) {
            throw new ModelException.InvalidInput(
                    "expected tensor data (ndarray or tensor) but the request holds " + describe());
        }
        return tensors.values().iterator().next();
    }

    /** The tensor with this name, or null. */
    public @Nullable Tensor tensor(String name) {
        return tensors.get(name);
    }

    /** The text of a {@link Kind#STRING} payload, else null. */
    public @Nullable String string() {
        return text;
    }

    /** The bytes of a {@link Kind#BYTES} payload (not copied), else null. */
    public byte @Nullable [] bytes() {
        return bytes;
    }

    /** The value of a {@link Kind#JSON} payload, else null. */
    public @Nullable Object json() {
        return json;
    }

    /** Feature names ({@code data.names}); may be empty. */
    public List<String> names() {
        return names;
    }

    /** Tags ({@code meta.tags}); may be empty. */
    public Map<String, Object> tags() {
        return tags;
    }

    /** A short description for messages: {@code tensor FP64[1, 4]}, {@code strData}, … */
    public String describe() {
        return switch (kind) {
            case TENSORS -> {
                List<String> parts = new ArrayList<>();
                tensors.forEach((n, t) -> parts.add(n + ": " + t.describeType()));
                yield "tensors " + parts;
            }
            case STRING -> "strData";
            case BYTES -> "binData";
            case JSON -> "jsonData";
        };
    }

    @Override
    public String toString() {
        return "Payload{" + describe() + (names.isEmpty() ? "" : ", names=" + names) + "}";
    }
}
