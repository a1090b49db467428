package dev.slipway.runtime.sklearn.pickle;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Reads a file written by {@code joblib.dump} or {@code pickle.dump}: detects joblib's compression by its
 * magic bytes (zlib, gzip, bz2, xz, lzma; lz4 is reported as unsupported), decompresses within the
 * size limit, and runs the {@link Unpickler} in joblib mode.
 */
public final class JoblibFile {

    /** A compression format joblib can write. */
    public enum Compression {
        NONE,
        ZLIB,
        GZIP,
        BZ2,
        LZMA,
        XZ,
        LZ4,
        ZFILE
    }

    private static final int ZFILE_HEADER = 2 + 19;

    private JoblibFile() {}

    /**
     * The value pickled in {@code file}.
     *
     * @throws IOException when the file cannot be read
     * @throws PickleException (or {@link UnsafePickleException}) when its content is refused
     */
    public static Object read(Path file, Allowlist allowlist, PickleLimits limits) throws IOException {
        long size = Files.size(file);
        if (size > limits.maxBytes()) {
            throw new PickleException("file of " + size + " bytes exceeds the limit of " + limits.maxBytes());
        }
        return load(Files.readAllBytes(file), allowlist, limits);
    }

    /** The value pickled in these (possibly compressed) bytes. */
    public static Object load(byte[] bytes, Allowlist allowlist, PickleLimits limits) {
        return Unpickler.load(decompress(bytes, limits), allowlist, limits, true);
    }

    /** The compression these bytes start with. */
    public static Compression detect(byte[] b) {
        if (startsWith(b, 0x1f, 0x8b)) {
            return Compression.GZIP;
        }
        if (startsWith(b, 'B', 'Z', 'h')) {
            return Compression.BZ2;
        }
        if (startsWith(b, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
            return Compression.XZ;
        }
        if (startsWith(b, 0x5d, 0x00, 0x00)) {
            return Compression.LZMA;
        }
        if (startsWith(b, 0x04, 0x22, 0x4d, 0x18)) {
            return Compression.LZ4;
        }
        if (startsWith(b, 'Z', 'F')) {
            return Compression.ZFILE;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0x78 && ((b[0] & 0xFF) * 256 + (b[1] & 0xFF)) % 31 == 0) {
            return Compression.ZLIB;
        }
        return Compression.NONE;
    }

    private static boolean startsWith(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** The pickle bytes: these bytes, decompressed when they start with a compression magic. */
    public static byte[] decompress(byte[] bytes, PickleLimits limits) {
        Compression c = detect(bytes);
        try {
            return switch (c) {
                case NONE -> bytes;
                case ZLIB -> readAll(new InflaterInputStream(new ByteArrayInputStream(bytes)), limits, c);
                case GZIP -> readAll(new GZIPInputStream(new ByteArrayInputStream(bytes)), limits, c);
                case XZ ->
                    readAll(new XZInputStream(new ByteArrayInputStream(bytes), memoryLimitKib(limits)), limits, c);
                case LZMA ->
                    readAll(new LZMAInputStream(new ByteArrayInputStream(bytes), memoryLimitKib(limits)), limits, c);
                case ZFILE -> zfile(bytes, limits);
                case BZ2 -> readAll(new BZip2CompressorInputStream(new ByteArrayInputStream(bytes), true), limits, c);
                case LZ4 ->
                    throw new PickleException(
                            "unsupported compression " + c.name().toLowerCase(java.util.Locale.ROOT)
                                    + " (supported: none, zlib, gzip, bz2, lzma, xz); re-save with joblib.dump(..., compress=('zlib', 3))");
            };
        } catch (EOFException e) {
            throw new PickleException("truncated " + c.name().toLowerCase(java.util.Locale.ROOT) + " stream", e);
        } catch (ZipException e) {
            throw new PickleException(
                    "corrupt " + c.name().toLowerCase(java.util.Locale.ROOT) + " stream: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new PickleException(
                    "cannot decompress " + c.name().toLowerCase(java.util.Locale.ROOT) + " stream: " + e.getMessage(),
                    e);
        }
    }

    private static int memoryLimitKib(PickleLimits limits) {
        return 512 * 1024;
    }

    private static byte[] zfile(byte[] bytes, PickleLimits limits) throws IOException {
        if (bytes.length < ZFILE_HEADER) {
            throw new PickleException("truncated joblib ZF header");
        }
        String hex = new String(bytes, 2, ZFILE_HEADER - 2, StandardCharsets.ISO_8859_1).trim();
        if (hex.startsWith("0x")) {
            hex = hex.substring(2);
        }
        long declared;
        try {
            declared = Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new PickleException("malformed joblib ZF header length '" + hex + "'");
        }
        if (declared > limits.maxBytes()) {
            throw new PickleException(
                    "joblib ZF stream declares " + declared + " bytes, over the limit of " + limits.maxBytes());
        }
        byte[] body = Arrays.copyOfRange(bytes, ZFILE_HEADER, bytes.length);
        return readAll(new InflaterInputStream(new ByteArrayInputStream(body)), limits, Compression.ZFILE);
    }

    private static byte[] readAll(InputStream in, PickleLimits limits, Compression c) throws IOException {
        try (in) {
            byte[] buf = new byte[64 * 1024];
            int n = 0;
            while (true) {
                if (n == buf.length) {
                    if (buf.length >= limits.maxBytes()) {
                        throw new PickleException("decompressed " + c.name().toLowerCase(java.util.Locale.ROOT)
                                + " stream exceeds the limit of " + limits.maxBytes() + " bytes");
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, limits.maxBytes()));
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    return Arrays.copyOf(buf, n);
                }
                n += r;
            }
        }
    }
}
