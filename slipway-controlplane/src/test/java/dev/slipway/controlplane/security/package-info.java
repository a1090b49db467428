/** Attacks on {@code slipway up} (issue 13), played over real HTTP against a real control plane. */
package dev.slipway.controlplane.security;
