/** The read-only Maven repository of {@code slipway up} at {@code /maven/}: the model API jar server builds compile against. */
package dev.slipway.controlplane.maven;
