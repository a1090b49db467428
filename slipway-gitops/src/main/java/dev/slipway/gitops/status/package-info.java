/** Status of environments and applications: sync and health with typed conditions, inventory, history. */
@NullMarked
package dev.slipway.gitops.status;

import org.jspecify.annotations.NullMarked;
