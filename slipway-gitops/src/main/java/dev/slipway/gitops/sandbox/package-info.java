/** The sandbox behind {@code slipway e2e}: a throw-away runtime and gateway, deploy, wait, test, tear down. */
@NullMarked
package dev.slipway.gitops.sandbox;

import org.jspecify.annotations.NullMarked;
