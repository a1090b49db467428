/** Pure rendering of SeldonDeployments into Kubernetes objects (fabric8's typed model), no cluster needed. */
@NullMarked
package dev.slipway.kubernetes.render;

import org.jspecify.annotations.NullMarked;
