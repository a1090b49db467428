package dev.slipway.gitops.target;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * An enum written as {@link Spelling} spells it ({@code OutOfSync}) and read in either spelling: the one JSON mapping
 * of condition types, statuses, reasons and replica states. Such an enum's {@code toString()} returns
 * {@link Spelling#of} too, so people read what JSON says.
 */
@JsonSerialize(using = Spelled.Writer.class)
@JsonDeserialize(using = Spelled.Reader.class)
public interface Spelled {

    /** Writes {@link Spelling#of}. */
    final class Writer extends StdSerializer<Spelled> {
        public Writer() {
            super(Spelled.class);
        }

        @Override
        public void serialize(Spelled value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(Spelling.of((Enum<?>) value));
        }
    }

    /** Reads with {@link Spelling#parse}, for the enum type being read. */
    final class Reader extends JsonDeserializer<Enum<?>> implements ContextualDeserializer {
        private final @Nullable Class<?> type;

        public Reader() {
            this(null);
        }

        private Reader(@Nullable Class<?> type) {
            this.type = type;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, @Nullable BeanProperty property) {
            final JavaType t = ctxt.getContextualType() != null
                    ? ctxt.getContextualType()
                    : property == null ? null : property.getType();
            return t == null ? this : new Reader(t.getRawClass());
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Enum<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (type == null || !type.isEnum()) {
                throw ctxt.instantiationException(Spelled.class, "no enum type to read into");
            }
            final String text = p.getValueAsString();
            try {
                return Spelling.parse((Class) type, text);
            } catch (IllegalArgumentException e) {
                throw ctxt.weirdStringException(text, type, e.getMessage());
            }
        }
    }
}
