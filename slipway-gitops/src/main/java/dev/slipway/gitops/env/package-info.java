/** Environments of a GitOps repository ({@code environments.yaml}): folder, namespace, target, promotion policy. */
@NullMarked
package dev.slipway.gitops.env;

import org.jspecify.annotations.NullMarked;
