package dev.slipway.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.slipway.support.Mappers;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Consumer;

/**
 * How commands print records: {@code -o json} as the API writes them (indented), {@code -o yaml} the same record in
 * YAML, both from {@link Mappers} and both ending with a newline; otherwise the command's own table or text.
 */
final class Output {

    private static final ObjectMapper JSON = Mappers.json()
            .rebuild()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private static final ObjectMapper YAML = Mappers.yaml();

    private Output() {}

    /**
     * Prints {@code value} as {@code format} asks: JSON or YAML of the record, else what {@code human} prints (a
     * {@link Table}, or lines of text).
     */
    static void print(PrintWriter out, OutputFormat format, Object value, Consumer<PrintWriter> human) {
        switch (format.format) {
            case JSON -> json(out, value);
            case YAML -> yaml(out, value);
            default -> {
                human.accept(out);
                out.flush();
            }
        }
    }

    /** {@code value} as indented JSON and a newline. */
    static void json(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
        out.flush();
    }

    /** {@code value} as YAML, ending with a newline. */
    static void yaml(PrintWriter out, Object value) {
        try {
            final String text = YAML.writeValueAsString(value);
            out.print(text.endsWith("\n") ? text : text + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML: " + e.getMessage(), e);
        }
        out.flush();
    }

    /** The first 7 characters of a revision. */
    static String shortRev(String rev) {
        return rev == null ? "" : rev.length() > 7 ? rev.substring(0, 7) : rev;
    }

    /** {@code a,b,c}. */
    static String join(List<String> parts) {
        return String.join(",", parts);
    }
}
