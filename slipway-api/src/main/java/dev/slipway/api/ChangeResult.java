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
 */
public record ChangeResult(String outcome, String commit, Promotion request, List<String> superseded,
    String summary) {

  public ChangeResult {
    superseded = superseded == null ? List.of() : List.copyOf(superseded);
  }
}
