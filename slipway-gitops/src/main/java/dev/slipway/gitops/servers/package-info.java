/** The servers registry in a GitOps repository: reading it, registering servers, and who uses them. */
package dev.slipway.gitops.servers;
