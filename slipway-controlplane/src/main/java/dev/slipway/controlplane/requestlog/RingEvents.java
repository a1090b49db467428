package dev.slipway.controlplane.requestlog;

import io.vertx.core.buffer.Buffer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * An event handed over in process, as a record of the sink's {@link LineRing}: what the gateway's event loop copies
 * there, and how the sink's writer makes the event's line of {@code current.jsonl} from it. The event loop only copies
 * (the time, the kind, the {@code Ce-Id}, the payload's bytes straight from its buffer; the node the event crossed is
 * the record's key, a {@link Route}): no JSON and no look at the payload on the thread that serves predictions. The
 * writer then reads the records in order, laid out one after the other, and writes each line with {@link EventLine}
 * into one buffer per batch.
 *
 * <p>A record: the time's seconds ({@code long}) and nanoseconds ({@code int}), the kind ({@code byte}: request,
 * response, feedback), truncated ({@code byte}: the payload was larger than the store keeps and is left out), the id's
 * length ({@code byte}, unsigned), a spare byte, the id (ASCII, checked by {@link EventChecks#id}), the payload.
 */
final class RingEvents {

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final int FIXED = 16;
    private static final String[] KINDS = {"request", "response", "feedback"};

    /** Where an event was logged: a deployment's node (the key of its records). */
    record Route(String namespace, String deployment, String predictor, String node) {}

    private RingEvents() {}

    /** The bytes of the record of an event with this id (checked: ASCII, at most 128) and payload length. */
    static int length(String id, int payloadLength) {
        return FIXED + id.length() + payloadLength;
    }

    /**
     * Writes an event's record at {@code at} of the ring's {@code bytes} (room claimed for {@link #length}).
     *
     * @param kind what {@link EventChecks#type} made of the event's {@code Ce-Type}
     * @param payload the payload, or null when truncated
     */
    static void write(byte[] bytes, int at, Instant time, String kind, String id, @Nullable Buffer payload) {
        LONG.set(bytes, at, time.getEpochSecond());
        INT.set(bytes, at + 8, time.getNano());
        bytes[at + 12] = kind(kind);
        bytes[at + 13] = (byte) (payload == null ? 1 : 0);
        bytes[at + 14] = (byte) id.length();
        bytes[at + 15] = 0;
        final int idAt = at + FIXED;
        for (int i = 0; i < id.length(); i++) {
            bytes[idAt + i] = (byte) id.charAt(i);
        }
        if (payload != null) {
            payload.getBytes(0, payload.length(), bytes, idAt + id.length());
        }
    }

    private static byte kind(String kind) {
        for (byte i = 0; i < KINDS.length; i++) {
            if (KINDS[i].equals(kind)) {
                return i;
            }
        }
        throw new IllegalArgumentException("Ce-Type: not one of Seldon's: " + kind);
    }

    /**
     * The writer's side: makes records' lines into one buffer, valid until {@link #reset} (the store has appended
     * them by then). Not thread-safe: the writer's.
     */
    static final class Lines {
        private final EventLine line;
        private byte[] buffer = new byte[2 << 20];
        private int used;

        Lines(EventLine line) {
            this.line = line;
        }

        /** The line of the record of {@code length} bytes of the ring's {@code bytes} at {@code offset}. */
        RequestLogStore.Line of(Route route, byte[] bytes, int offset, int length) {
            final int idLength = bytes[offset + 14] & 0xff;
            final RequestLogStore.Event e = new RequestLogStore.Event(
                    Instant.ofEpochSecond((long) LONG.get(bytes, offset), (int) INT.get(bytes, offset + 8)),
                    new String(bytes, offset + FIXED, idLength, StandardCharsets.US_ASCII),
                    KINDS[bytes[offset + 12]],
                    route.namespace(),
                    route.deployment(),
                    route.predictor(),
                    route.node(),
                    null,
                    bytes[offset + 13] != 0);
            final int from = offset + FIXED + idLength;
            final int payloadLength = length - FIXED - idLength;
            final int n = line.directLength(e, bytes, from, payloadLength);
            if (n < 0) { // JSON that is not one line, or not JSON: EventLine's general path
                final byte[] raw = payloadLength == 0 ? null : Arrays.copyOfRange(bytes, from, from + payloadLength);
                return new RequestLogStore.Line(route.namespace(), route.deployment(), line.of(e, raw));
            }
            if (buffer.length - used < n) {
                buffer = new byte[Math.max(buffer.length, n)]; // lines made before keep the buffer they are in
                used = 0;
            }
            line.writeDirect(e, bytes, from, payloadLength, buffer, used);
            final RequestLogStore.Line made =
                    new RequestLogStore.Line(route.namespace(), route.deployment(), buffer, used, n);
            used += n;
            return made;
        }

        /** The lines made so far are no longer needed: their room is used again. */
        void reset() {
            used = 0;
        }
    }
}
