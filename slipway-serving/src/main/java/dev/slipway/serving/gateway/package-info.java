/** The gateway (Ambassador + Seldon executor role): routes, traffic split, shadows, graph execution, retries, metrics. */
package dev.slipway.serving.gateway;
