package dev.slipway.protocol.grpc;

import com.google.protobuf.ByteString;
import dev.slipway.model.DataType;
import dev.slipway.model.RawTensors;
import dev.slipway.model.Tensor;
import dev.slipway.protocol.ProtocolException;
import dev.slipway.protocol.grpc.inference.InferTensorContents;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One Open Inference tensor's elements: typed {@code InferTensorContents} or raw little-endian bytes. */
final class TensorContents {

    /** The most elements one tensor may declare (as the REST reader allows). */
    static final long MAX_ELEMENTS = 256L << 20;

    private TensorContents() {}

    static String wireType(Tensor t) {
        return t.type() == DataType.STRING ? "BYTES" : t.type().name();
    }

    static Tensor decode(String path, String datatype, List<Long> shapeList, InferTensorContents c, ByteString raw) {
        final DataType type;
        try {
            type = DataType.parse(datatype);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(path + ".datatype: " + e.getMessage());
        }
        if (type == DataType.STRING) {
            throw new ProtocolException(path + ".datatype: unknown datatype 'STRING' (text travels as BYTES)");
        }
        long[] shape = new long[shapeList.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeList.get(i);
            if (shape[i] < 0) {
                throw new ProtocolException(path + ".shape[" + i + "]: dimensions must not be negative");
            }
            count = shape[i] == 0 ? 0 : count * shape[i];
            if (count > MAX_ELEMENTS) {
                throw new ProtocolException(path + ".shape: too many elements (more than " + MAX_ELEMENTS + ")");
            }
        }
        int n = (int) count;
        Object storage = raw != null ? fromRaw(path, type, n, raw) : fromTyped(path, type, n, c);
        if (storage instanceof byte[][] bytes) {
            return text(bytes, shape);
        }
        return Tensor.of(type, storage, shape);
    }

    private static Tensor text(byte[][] bytes, long[] shape) {
        String[] strings = new String[bytes.length];
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            for (int i = 0; i < bytes.length; i++) {
                strings[i] = decoder.decode(ByteBuffer.wrap(bytes[i])).toString();
            }
            return Tensor.ofStrings(strings, shape);
        } catch (CharacterCodingException e) {
            return Tensor.ofBytes(bytes, shape);
        }
    }

    private static void expect(String path, String field, int got, int n) {
        if (got != n) {
            throw new ProtocolException(
                    path + ".contents." + field + ": holds " + got + " values but the shape needs " + n);
        }
    }

    private static Object fromTyped(String path, DataType type, int n, InferTensorContents c) {
        switch (type) {
            case BOOL -> {
                expect(path, "bool_contents", c.getBoolContentsCount(), n);
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) {
                    v[i] = c.getBoolContents(i);
                }
                return v;
            }
            case INT8, INT16, INT32 -> {
                expect(path, "int_contents", c.getIntContentsCount(), n);
                return c.getIntContentsList().stream()
                        .mapToInt(Integer::intValue)
                        .toArray();
            }
            case UINT8, UINT16 -> {
                expect(path, "uint_contents", c.getUintContentsCount(), n);
                return c.getUintContentsList().stream()
                        .mapToInt(Integer::intValue)
                        .toArray();
            }
            case UINT32 -> {
                expect(path, "uint_contents", c.getUintContentsCount(), n);
                return c.getUintContentsList().stream()
                        .mapToLong(Integer::toUnsignedLong)
                        .toArray();
            }
            case INT64 -> {
                expect(path, "int64_contents", c.getInt64ContentsCount(), n);
                return c.getInt64ContentsList().stream()
                        .mapToLong(Long::longValue)
                        .toArray();
            }
            case UINT64 -> {
                expect(path, "uint64_contents", c.getUint64ContentsCount(), n);
                return c.getUint64ContentsList().stream()
                        .mapToLong(Long::longValue)
                        .toArray();
            }
            case FP32 -> {
                expect(path, "fp32_contents", c.getFp32ContentsCount(), n);
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = c.getFp32Contents(i);
                }
                return v;
            }
            case FP64 -> {
                expect(path, "fp64_contents", c.getFp64ContentsCount(), n);
                return c.getFp64ContentsList().stream()
                        .mapToDouble(Double::doubleValue)
                        .toArray();
            }
            case BYTES -> {
                expect(path, "bytes_contents", c.getBytesContentsCount(), n);
                byte[][] v = new byte[n][];
                for (int i = 0; i < n; i++) {
                    v[i] = c.getBytesContents(i).toByteArray();
                }
                return v;
            }
            default ->
                throw new ProtocolException(
                        path + ": " + type + " has no typed contents field: send it in raw_input_contents");
        }
    }

    private static int width(DataType type) {
        return switch (type) {
            case BOOL, INT8, UINT8 -> 1;
            case INT16, UINT16, FP16 -> 2;
            case INT32, UINT32, FP32 -> 4;
            case INT64, UINT64, FP64 -> 8;
            default -> 0;
        };
    }

    private static Object fromRaw(String path, DataType type, int n, ByteString raw) {
        ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        if (type == DataType.BYTES) {
            byte[][] v = new byte[n][];
            for (int i = 0; i < n; i++) {
                if (b.remaining() < 4) {
                    throw new ProtocolException(path + ": raw contents end before element " + i + " of " + n);
                }
                int len = b.getInt();
                if (len < 0 || len > b.remaining()) {
                    throw new ProtocolException(path + ": raw element " + i + " claims " + Integer.toUnsignedString(len)
                            + " bytes but " + b.remaining() + " remain");
                }
                v[i] = new byte[len];
                b.get(v[i]);
            }
            if (b.hasRemaining()) {
                throw new ProtocolException(
                        path + ": raw contents hold " + b.remaining() + " bytes after the last element");
            }
            return v;
        }
        int w = width(type);
        if ((long) n * w != raw.size()) {
            throw new ProtocolException(path + ": raw contents hold " + raw.size() + " bytes but " + n + " " + type
                    + " elements need " + ((long) n * w));
        }
        if (w == 0) {
            throw new ProtocolException(path + ": " + type + " cannot be read from raw contents");
        }
        return RawTensors.read(type, b, n);
    }

    static InferTensorContents typed(Tensor t) {
        InferTensorContents.Builder c = InferTensorContents.newBuilder();
        int n = t.size();
        switch (t.type()) {
            case BOOL -> {
                for (boolean v : t.booleans()) {
                    c.addBoolContents(v);
                }
            }
            case INT8, INT16, INT32 -> {
                for (int v : t.ints()) {
                    c.addIntContents(v);
                }
            }
            case UINT8, UINT16 -> {
                for (int v : t.ints()) {
                    c.addUintContents(v);
                }
            }
            case UINT32 -> {
                for (long v : t.longs()) {
                    c.addUintContents((int) v);
                }
            }
            case INT64 -> {
                for (long v : t.longs()) {
                    c.addInt64Contents(v);
                }
            }
            case UINT64 -> {
                for (long v : t.longs()) {
                    c.addUint64Contents(v);
                }
            }
            case FP16, FP32 -> {
                for (float v : t.floats()) {
                    c.addFp32Contents(v);
                }
            }
            case FP64 -> {
                for (double v : t.doubles()) {
                    c.addFp64Contents(v);
                }
            }
            case BYTES -> {
                for (byte[] v : t.bytes()) {
                    c.addBytesContents(ByteString.copyFrom(v));
                }
            }
            case STRING -> {
                for (String v : t.strings()) {
                    c.addBytesContents(ByteString.copyFromUtf8(v));
                }
            }
            default -> throw new IllegalStateException("no contents field for " + t.type() + " (" + n + " elements)");
        }
        return c.build();
    }

    static ByteString raw(Tensor t) {
        if (t.type() == DataType.BYTES || t.type() == DataType.STRING) {
            byte[][] els = new byte[t.size()][];
            int total = 0;
            for (int i = 0; i < els.length; i++) {
                els[i] = t.type() == DataType.BYTES ? t.bytes()[i] : t.strings()[i].getBytes(StandardCharsets.UTF_8);
                total += 4 + els[i].length;
            }
            ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
            for (byte[] e : els) {
                b.putInt(e.length).put(e);
            }
            return ByteString.copyFrom(b.flip());
        }
        DataType type = t.type() == DataType.FP16 ? DataType.FP32 : t.type();
        ByteBuffer b = ByteBuffer.allocate(t.size() * width(type)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < t.size(); i++) {
            switch (type) {
                case BOOL -> b.put((byte) (t.booleans()[i] ? 1 : 0));
                case INT8, UINT8 -> b.put((byte) t.ints()[i]);
                case INT16, UINT16 -> b.putShort((short) t.ints()[i]);
                case INT32 -> b.putInt(t.ints()[i]);
                case UINT32 -> b.putInt((int) t.longs()[i]);
                case INT64, UINT64 -> b.putLong(t.longs()[i]);
                case FP32 -> b.putFloat(t.floats()[i]);
                case FP64 -> b.putDouble(t.doubles()[i]);
                default -> throw new IllegalStateException(type.name());
            }
        }
        return ByteString.copyFrom(b.flip());
    }
}
