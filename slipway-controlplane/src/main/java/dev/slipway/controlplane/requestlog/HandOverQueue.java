package dev.slipway.controlplane.requestlog;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * A bounded queue from many threads (the gateway's event loops, the sink's HTTP listener) to one (the sink's writer),
 * lock-free, over an array: a producer claims a slot with one compare-and-set and fills it; the writer empties the
 * slots in order and says how far it got once per batch. No node per element and no atomic operation per element on
 * the writer's side (what a {@code ConcurrentLinkedQueue} costs), and no lock a producer could wait on while the
 * scheduler keeps the writer off the CPU (what an {@code ArrayBlockingQueue} risks).
 */
final class HandOverQueue<T> {

    private final int bound;
    private final int mask;
    private final AtomicReferenceArray<@Nullable T> slots;
    /** The next slot a producer claims (all slots claimed so far). */
    private final AtomicLong tail = new AtomicLong();
    /** How far the writer has emptied the slots, as it last said (once per batch). */
    private final AtomicLong head = new AtomicLong();

    /** @param bound how many elements may wait at once */
    HandOverQueue(int bound) {
        if (bound < 1 || bound > 1 << 30) {
            throw new IllegalArgumentException("bound: 1 to 2^30, not " + bound);
        }
        this.bound = bound;
        final int size = Integer.highestOneBit(bound - 1 | 1) << 1;
        this.mask = size - 1;
        this.slots = new AtomicReferenceArray<>(size);
    }

    /**
     * Adds {@code element} unless {@code bound} elements wait already (counting what the writer took in the batch it
     * is still on: it says how far it got once per batch).
     *
     * @return false when full
     */
    boolean offer(T element) {
        long claimed;
        do {
            claimed = tail.get();
            if (claimed - head.get() >= bound) {
                return false;
            }
        } while (!tail.compareAndSet(claimed, claimed + 1));
        slots.setRelease((int) claimed & mask, element);
        return true;
    }

    /**
     * Moves up to {@code max} waiting elements, in the order they were claimed, to {@code into} (the writer only). A
     * slot claimed but not yet filled ends the batch: its element comes with the next one.
     *
     * @return how many were moved
     */
    int drainTo(List<T> into, int max) {
        final long from = head.get();
        long at = from;
        while (at - from < max) {
            final int slot = (int) at & mask;
            final T element = slots.getAcquire(slot);
            if (element == null) {
                break;
            }
            slots.setPlain(slot, null);
            into.add(element);
            at++;
        }
        if (at != from) {
            head.set(at); // after the slots were emptied: a producer that sees it finds them free
        }
        return (int) (at - from);
    }

    /** True when no element was claimed that the writer has not taken. */
    boolean isEmpty() {
        return tail.get() == head.get();
    }
}
