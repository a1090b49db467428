package dev.slipway.gitops.promote;

import java.time.Instant;
import java.util.Objects;

/**
 * One decision about a promotion request, kept in its record.
 *
 * @param user who decided ({@code slipway} for the system)
 * @param verdict the state it led to
 * @param reason why (a rejection's reason, the superseding request, the merge commit)
 * @param at when
 */
public record Decision(String user, PromotionState verdict, String reason, Instant at) {

    public Decision {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}
