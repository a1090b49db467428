/** Pure rendering of SeldonDeployments into Kubernetes objects (fabric8's typed model), no cluster needed. */
package dev.slipway.kubernetes.render;
