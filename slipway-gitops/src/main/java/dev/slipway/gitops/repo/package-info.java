/** The GitOps repository as plain git (JGit): reading revisions, building commits, compare-and-swap ref updates. */
@NullMarked
package dev.slipway.gitops.repo;

import org.jspecify.annotations.NullMarked;
