/** Kubernetes: SeldonDeployments rendered to cluster objects, and the runtime target that applies them. */
package dev.slipway.kubernetes;
