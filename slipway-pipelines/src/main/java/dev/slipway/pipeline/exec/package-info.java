/** Executing steps: workspaces at a commit, processes, and killing whole process trees. */
@NullMarked
package dev.slipway.pipeline.exec;

import org.jspecify.annotations.NullMarked;
