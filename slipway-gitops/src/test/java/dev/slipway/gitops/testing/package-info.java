/** Test support: a tiny model server process and event recorders. */
@NullMarked
package dev.slipway.gitops.testing;

import org.jspecify.annotations.NullMarked;
