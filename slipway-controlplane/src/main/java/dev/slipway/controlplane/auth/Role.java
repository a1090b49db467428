package dev.slipway.controlplane.auth;

import java.util.Locale;

/** What a user may do: developers push, deploy and run; approvers also approve and roll back; admins all. */
public enum Role {
    DEVELOPER,
    APPROVER,
    ADMIN;

    /** True when this role includes {@code other}'s rights. */
    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    public static Role parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role must be developer, approver or admin, not '" + s + "'");
        }
    }
}
