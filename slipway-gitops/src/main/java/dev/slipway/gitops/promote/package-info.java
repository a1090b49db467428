/** Promotion of manifests into environments: direct commits, promotion requests, review, rollback. */
package dev.slipway.gitops.promote;
