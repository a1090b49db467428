/** Executing steps: workspaces at a commit, processes, and killing whole process trees. */
package dev.slipway.pipeline.exec;
