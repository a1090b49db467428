package dev.slipway.api;

import java.util.List;

/**
 * What a change to the GitOps repository did (the answer to a rollback).
 *
 * @param outcome {@code NO_CHANGE}, {@code COMMITTED} or {@code REQUESTED}
 * @param commit the new commit on main (or on the request's branch), or null
 * @param request the promotion request it opened, or null
 * @param superseded the requests it replaced
 * @param summary one line for people
 * @param diff a rollback's unified diff of the environment's folder (a dry run's answer), or null
 * @param removes applications a rollback removes from the environment, or null
 * @param changes applications a rollback changes or brings back, or null
 */
public record ChangeResult(
        String outcome,
        String commit,
        Promotion request,
        List<String> superseded,
        String summary,
        String diff,
        List<String> removes,
        List<String> changes) {

    public ChangeResult {
        superseded = superseded == null ? List.of() : List.copyOf(superseded);
        removes = removes == null ? null : List.copyOf(removes);
        changes = changes == null ? null : List.copyOf(changes);
    }

    /** What a promotion or review did (no diff). */
    public ChangeResult(String outcome, String commit, Promotion request, List<String> superseded, String summary) {
        this(outcome, commit, request, superseded, summary, null, null, null);
    }
}
