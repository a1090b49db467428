/** Kubernetes: SeldonDeployments rendered to cluster objects, and the runtime target that applies them. */
@NullMarked
package dev.slipway.kubernetes;

import org.jspecify.annotations.NullMarked;
