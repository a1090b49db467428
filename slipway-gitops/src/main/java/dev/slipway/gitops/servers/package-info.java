/** The servers registry in a GitOps repository: reading it, registering servers, and who uses them. */
@NullMarked
package dev.slipway.gitops.servers;

import org.jspecify.annotations.NullMarked;
