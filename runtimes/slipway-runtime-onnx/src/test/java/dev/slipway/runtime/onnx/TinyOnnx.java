package dev.slipway.runtime.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes tiny ONNX models as protobuf bytes by hand (no onnx library in Java): enough of ModelProto to
 * build an ONNX-ML {@code ZipMap} classifier output next to an ordinary tensor output.
 */
final class TinyOnnx {

    private TinyOnnx() {}

    /** A protobuf message under construction. */
    static final class Msg {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Msg varint(int field, long v) {
            tag(field, 0);
            raw(v);
            return this;
        }

        Msg string(int field, String s) {
            return bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        Msg msg(int field, Msg m) {
            return bytes(field, m.out.toByteArray());
        }

        private Msg bytes(int field, byte[] b) {
            tag(field, 2);
            raw(b.length);
            out.writeBytes(b);
            return this;
        }

        private void tag(int field, int wire) {
            raw(((long) field << 3) | wire);
        }

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }

    static Msg floatTensor(String... dims) {
        Msg shape = new Msg();
        for (String d : dims) {
            shape.msg(1, d.matches("\\d+") ? new Msg().varint(1, Long.parseLong(d)) : new Msg().string(2, d));
        }
        return new Msg().msg(1, new Msg().varint(1, 1).msg(2, shape)); // TypeProto.tensor_type, elem FLOAT
    }

    static Msg seqOfMapInt64ToFloat() {
        Msg floatScalar = new Msg().msg(1, new Msg().varint(1, 1));
        Msg map = new Msg().msg(5, new Msg().varint(1, 7).msg(2, floatScalar)); // map<int64, float>
        return new Msg().msg(4, new Msg().msg(1, map)); // sequence_type.elem_type
    }

    static Msg valueInfo(String name, Msg type) {
        return new Msg().string(1, name).msg(2, type);
    }

    /**
     * X float[N, 2] → Identity → Y float[N, 2] (only when {@code withTensorOutput}) and ZipMap(X) → Z,
     * a sequence of maps int64 → float (ONNX-ML).
     */
    static byte[] zipMapModel(boolean withTensorOutput) {
        Msg graph = new Msg();
        if (withTensorOutput) {
            graph.msg(1, new Msg().string(1, "X").string(2, "Y").string(3, "id").string(4, "Identity"));
        }
        Msg labels = new Msg()
                .string(1, "classlabels_int64s")
                .varint(8, 0)
                .varint(8, 1)
                .varint(20, 7);
        graph.msg(
                1,
                new Msg()
                        .string(1, "X")
                        .string(2, "Z")
                        .string(3, "zm")
                        .string(4, "ZipMap")
                        .msg(5, labels)
                        .string(7, "ai.onnx.ml"));
        graph.string(2, "zipmap-test");
        graph.msg(11, valueInfo("X", floatTensor("N", "2")));
        if (withTensorOutput) {
            graph.msg(12, valueInfo("Y", floatTensor("N", "2")));
        }
        graph.msg(12, valueInfo("Z", seqOfMapInt64ToFloat()));
        return new Msg()
                .varint(1, 8)
                .string(2, "slipway-test")
                .msg(7, graph)
                .msg(8, new Msg().string(1, "").varint(2, 13))
                .msg(8, new Msg().string(1, "ai.onnx.ml").varint(2, 1))
                .toBytes();
    }
}
