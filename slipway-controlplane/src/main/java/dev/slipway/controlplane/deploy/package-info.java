/** Deployments applied through the API: stored in the data folder before they start, restored at start. */
package dev.slipway.controlplane.deploy;
