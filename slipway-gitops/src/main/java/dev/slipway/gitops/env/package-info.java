/** Environments of a GitOps repository ({@code environments.yaml}): folder, namespace, target, promotion policy. */
package dev.slipway.gitops.env;
