/** Status of environments and applications: sync and health with typed conditions, inventory, history. */
package dev.slipway.gitops.status;
