/** The gateway (Ambassador + Seldon executor role): routes, traffic split, shadows, graph execution, retries, metrics. */
@NullMarked
package dev.slipway.serving.gateway;

import org.jspecify.annotations.NullMarked;
