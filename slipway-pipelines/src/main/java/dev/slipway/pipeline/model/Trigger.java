package dev.slipway.pipeline.model;

import java.util.Objects;

/**
 * What started a run.
 *
 * @param type manual, push, webhook or poll
 * @param detail who or what (a user, a delivery id, a remote), possibly empty; a re-queued run keeps its original's,
 *     so it acts for the same identity (the pusher stays the author of what it promotes)
 * @param requeuedFrom the run this one re-queues after a restart of the control plane, or empty (a run is re-queued
 *     at most once)
 */
public record Trigger(Type type, String detail, String requeuedFrom) {

    /** The kinds of trigger. */
    public enum Type {
        manual,
        push,
        webhook,
        poll
    }

    public Trigger {
        Objects.requireNonNull(type, "type");
        detail = detail == null ? "" : detail;
        requeuedFrom = requeuedFrom == null ? "" : requeuedFrom;
    }

    public Trigger(Type type, String detail) {
        this(type, detail, "");
    }

    /** The same trigger, for the run that re-queues {@code run}. */
    public Trigger requeued(String run) {
        return new Trigger(type, detail, run);
    }

    /** True for a run queued again after a restart. */
    public boolean wasRequeued() {
        return !requeuedFrom.isEmpty();
    }

    public static Trigger manual(String who) {
        return new Trigger(Type.manual, who);
    }
}
