package dev.slipway.model;

import java.util.Locale;

/**
 * Element types of a {@link Tensor}: the Open Inference Protocol datatypes plus {@link #STRING}, which
 * travels as {@code BYTES} on the v2 wire and as JSON strings on the Seldon v1 wire.
 *
 * <p>Each type has one storage class: {@code boolean[]} for {@link #BOOL}; {@code int[]} for the
 * 8/16-bit types, {@link #UINT16} and {@link #INT32}; {@code long[]} for {@link #UINT32},
 * {@link #INT64} and {@link #UINT64}; {@code float[]} for {@link #FP16} and {@link #FP32};
 * {@code double[]} for {@link #FP64}; {@code byte[][]} for {@link #BYTES}; {@code String[]} for
 * {@link #STRING}.
 */
public enum DataType {
    BOOL(Storage.BOOL),
    UINT8(Storage.INT),
    UINT16(Storage.INT),
    UINT32(Storage.LONG),
    UINT64(Storage.LONG),
    INT8(Storage.INT),
    INT16(Storage.INT),
    INT32(Storage.INT),
    INT64(Storage.LONG),
    FP16(Storage.FLOAT),
    FP32(Storage.FLOAT),
    FP64(Storage.DOUBLE),
    BYTES(Storage.BYTES),
    STRING(Storage.STRING);

    /** The Java array kind that holds elements of a type. */
    public enum Storage {
        BOOL,
        INT,
        LONG,
        FLOAT,
        DOUBLE,
        BYTES,
        STRING
    }

    private final Storage storage;

    DataType(Storage storage) {
        this.storage = storage;
    }

    /** The array kind that holds this type's elements. */
    public Storage storage() {
        return storage;
    }

    /** True for the integer and floating-point types. */
    public boolean isNumeric() {
        return storage == Storage.INT
                || storage == Storage.LONG
                || storage == Storage.FLOAT
                || storage == Storage.DOUBLE;
    }

    /** True for the floating-point types. */
    public boolean isFloatingPoint() {
        return storage == Storage.FLOAT || storage == Storage.DOUBLE;
    }

    /**
     * Parses an Open Inference Protocol datatype name ({@code "FP32"}, case-insensitive).
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static DataType parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown datatype '"
                    + name
                    + "' (expected one of BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64,"
                    + " FP16, FP32, FP64, BYTES)");
        }
    }
}
