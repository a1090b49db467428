package dev.slipway.pipeline.log;

import dev.slipway.support.AnsiEscapes;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a process's output, arriving in chunks of any size, into masked lines without ANSI escapes (stripped before
 * masking, so an escape inside a secret cannot hide it; colours do not belong in stored logs). Bytes are decoded as UTF-8
 * across chunk boundaries; a line is masked only once it is complete, so a secret split between two reads
 * is still found. A line longer than {@code maxLine} characters is emitted in pieces, cut where no secret
 * form crosses the cut (the text after the cut is kept for the next piece), so masking still holds.
 * Not thread-safe: one writer per output stream.
 */
public final class MaskingLineWriter implements AutoCloseable {

    /** The default longest line, in characters. */
    public static final int DEFAULT_MAX_LINE = 16 * 1024;

    private final SecretMasker masker;
    private final LineSink sink;
    private final int maxLine;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final StringBuilder line = new StringBuilder();
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private boolean lastWasCr;

    public MaskingLineWriter(SecretMasker masker, LineSink sink, int maxLine) {
        this.masker = masker;
        this.sink = sink;
        // a piece must be able to hold a whole secret form with room to cut before it
        this.maxLine = Math.max(maxLine, 2 * masker.longest() + 2);
    }

    public MaskingLineWriter(SecretMasker masker, LineSink sink) {
        this(masker, sink, DEFAULT_MAX_LINE);
    }

    /** Accepts the next chunk of output bytes. */
    public void write(byte[] bytes, int off, int len) {
        ByteBuffer in = ByteBuffer.allocate(pending.remaining() + len);
        in.put(pending).put(bytes, off, len).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        CoderResult r = decoder.decode(in, out, false);
        if (r.isError()) {
            throw new IllegalStateException("decoder error: " + r);
        }
        pending = in.slice(); // an incomplete UTF-8 sequence waits for the next chunk
        out.flip();
        accept(out);
    }

    /** Accepts text (for messages the runner writes itself). */
    public void write(String text) {
        accept(CharBuffer.wrap(text));
    }

    private void accept(CharSequence chars) {
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (c == '\n') {
                if (!lastWasCr) {
                    emit();
                }
                lastWasCr = false;
            } else if (c == '\r') {
                emit();
                lastWasCr = true;
            } else {
                lastWasCr = false;
                line.append(c);
                if (line.length() >= maxLine) {
                    emitPiece();
                }
            }
        }
    }

    private void emit() {
        sink.line(masker.mask(AnsiEscapes.strip(line.toString())));
        line.setLength(0);
    }

    /** Emits the start of an over-long line, cutting where no secret form crosses. */
    private void emitPiece() {
        int cut = line.length() - masker.longest();
        int spanning = masker.spanningStart(line, cut);
        if (spanning >= 0) {
            cut = spanning;
        }
        if (cut <= 0) {
            cut = line.length();
        }
        sink.line(masker.mask(AnsiEscapes.strip(line.substring(0, cut))));
        line.delete(0, cut);
    }

    /** Emits what is left (a last line without a terminator). */
    @Override
    public void close() {
        if (pending.hasRemaining()) {
            CharBuffer out = CharBuffer.allocate(pending.remaining() * 2 + 2);
            decoder.decode(pending, out, true);
            decoder.flush(out);
            out.flip();
            line.append(out);
            pending = ByteBuffer.allocate(0);
        }
        if (line.length() > 0) {
            emit();
        }
    }
}
