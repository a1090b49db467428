/** The GitOps repository as plain git (JGit): reading revisions, building commits, compare-and-swap ref updates. */
package dev.slipway.gitops.repo;
