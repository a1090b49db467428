/** The local runtime target: graph nodes as supervised model-server child processes on loopback ports. */
package dev.slipway.gitops.target.local;
