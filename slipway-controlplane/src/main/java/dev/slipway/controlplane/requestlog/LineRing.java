package dev.slipway.controlplane.requestlog;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request-log records from many threads (the gateway's event loops) to one (the sink's writer), written once, straight
 * into one byte array: a producer claims room for its record with one compare-and-set, writes it there while the
 * event's bytes are still in its cache ({@link RingEvents}), and publishes it by writing its length last; the writer
 * reads the records in order, in memory laid out one after the other, makes their lines and then frees the room it
 * read. No object per event on either side (what a queue of events costs: one cache miss per object when the writer
 * comes to it).
 *
 * <p>A record: its length (an {@code int}: 0 while claimed but not yet published, negative for the padding that fills
 * the array's end when the next record does not fit there), its key (an {@code int}: which deployment), its bytes, and
 * padding to a multiple of 8. Records never wrap around the array's end. The writer zeroes what it read before it
 * frees it, so any position a producer claims next reads 0 until published.
 */
final class LineRing {

    /** Reads a record: {@code length} bytes of {@code bytes} from {@code offset}, valid until {@link #release}. */
    interface Reader {
        void record(int key, byte[] bytes, int offset, int length);
    }

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final int HEADER = 8;

    private final byte[] bytes;
    private final int mask;
    private final int maxRecord;
    /** Every byte claimed so far (producers). */
    private final AtomicLong tail = new AtomicLong();
    /** Every byte freed so far (the writer: after it zeroed them). */
    private volatile long head;
    /** How far the writer has read (the writer only): {@link #release} frees up to here. */
    private long readTo;

    /**
     * @param capacity bytes, a power of two from 4 KiB to 1 GiB
     * @param maxRecord the longest line taken (at most a quarter of {@code capacity})
     */
    LineRing(int capacity, int maxRecord) {
        if (capacity < 4096 || capacity > 1 << 30 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity: a power of two from 4096 to 2^30, not " + capacity);
        }
        if (maxRecord < 1 || maxRecord > capacity / 4) {
            throw new IllegalArgumentException("maxRecord: 1 to capacity / 4, not " + maxRecord);
        }
        this.bytes = new byte[capacity];
        this.mask = capacity - 1;
        this.maxRecord = maxRecord;
    }

    /** The array producers write their lines into, at what {@link #claim} returned. */
    byte[] bytes() {
        return bytes;
    }

    /** The longest line {@link #claim} takes. */
    int maxRecord() {
        return maxRecord;
    }

    /**
     * Claims room for a line of {@code length} bytes; the caller writes it at the index returned, then calls {@link
     * #publish} (soon: the writer waits for a claimed record before it reads any after it).
     *
     * @return where the line's bytes go in {@link #bytes}, or -1 when the ring has no room (or the line is longer than
     *     {@link #maxRecord})
     */
    int claim(int length) {
        if (length < 1 || length > maxRecord) {
            return -1;
        }
        final int size = align(HEADER + length);
        final int capacity = bytes.length;
        while (true) {
            final long t = tail.get();
            final int index = (int) t & mask;
            final int toEnd = capacity - index;
            final long need = size <= toEnd ? size : toEnd + (long) size;
            if (t + need - head > capacity) {
                return -1;
            }
            if (tail.compareAndSet(t, t + need)) {
                if (size <= toEnd) {
                    return index + HEADER;
                }
                INT.setRelease(bytes, index, -toEnd); // the end of the array is padding; the record starts at 0
                return HEADER;
            }
        }
    }

    /** Publishes the record written at {@code at} (from {@link #claim}) with its {@code key}. */
    void publish(int at, int key, int length) {
        INT.set(bytes, at - 4, key);
        INT.setRelease(bytes, at - HEADER, length);
    }

    /** Gives up a claimed record (its line could not be written): the writer skips its room as padding. */
    void abandon(int at, int length) {
        INT.setRelease(bytes, at - HEADER, -align(HEADER + length));
    }

    /**
     * Hands up to {@code max} published records to {@code reader}, in the order they were claimed, from where the
     * last read ended (the writer only). A record claimed but not yet published ends the read.
     *
     * @return how many records were read
     */
    int read(int max, Reader reader) {
        long at = readTo;
        final long end = head + bytes.length; // a whole lap ahead of what was freed: records not freed yet lie there
        int n = 0;
        while (n < max && at < end) {
            final int index = (int) at & mask;
            final int length = (int) INT.getAcquire(bytes, index);
            if (length == 0) {
                break;
            }
            if (length < 0) {
                at -= length;
                continue;
            }
            reader.record((int) INT.get(bytes, index + 4), bytes, index + HEADER, length);
            at += align(HEADER + length);
            n++;
        }
        readTo = at;
        return n;
    }

    /** Frees what {@link #read} handed over (the writer only, once it is done with those slices). */
    void release() {
        final long from = head;
        if (readTo == from) {
            return;
        }
        final int start = (int) from & mask;
        final long length = readTo - from;
        if (start + length <= bytes.length) {
            Arrays.fill(bytes, start, start + (int) length, (byte) 0);
        } else {
            Arrays.fill(bytes, start, bytes.length, (byte) 0);
            Arrays.fill(bytes, 0, (int) (length - (bytes.length - start)), (byte) 0);
        }
        head = readTo; // after the zeroes: a producer that sees it finds the room clean
    }

    /** True when more than half of the ring is claimed and not yet freed. */
    boolean halfFull() {
        return tail.get() - head > bytes.length / 2;
    }

    /** True when nothing was claimed that the writer has not freed. */
    boolean isEmpty() {
        return tail.get() == head;
    }

    private static int align(int n) {
        return (n + 7) & ~7;
    }
}
