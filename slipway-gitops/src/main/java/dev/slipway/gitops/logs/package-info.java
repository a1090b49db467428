/** Log files read back for people: model-server replicas' and the control plane's, filtered, interleaved, followed. */
@NullMarked
package dev.slipway.gitops.logs;

import org.jspecify.annotations.NullMarked;
