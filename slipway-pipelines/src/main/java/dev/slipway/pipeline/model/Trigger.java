package dev.slipway.pipeline.model;

import java.util.Objects;

/**
 * What started a run.
 *
 * @param type manual, push, webhook or poll
 * @param detail who or what (a user, a delivery id, a remote), possibly empty
 */
public record Trigger(Type type, String detail) {

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
    }

    public static Trigger manual(String who) {
        return new Trigger(Type.manual, who);
    }
}
