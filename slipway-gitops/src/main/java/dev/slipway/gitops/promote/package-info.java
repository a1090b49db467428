/** Promotion of manifests into environments: direct commits, promotion requests, review, rollback. */
@NullMarked
package dev.slipway.gitops.promote;

import org.jspecify.annotations.NullMarked;
