/** The sandbox behind {@code slipway e2e}: a throw-away runtime and gateway, deploy, wait, test, tear down. */
package dev.slipway.gitops.sandbox;
