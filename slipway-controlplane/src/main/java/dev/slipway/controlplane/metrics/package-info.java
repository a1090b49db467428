/** What Prometheus scrapes: the control plane's own metrics and the list of every target (HTTP service discovery). */
@NullMarked
package dev.slipway.controlplane.metrics;

import org.jspecify.annotations.NullMarked;
