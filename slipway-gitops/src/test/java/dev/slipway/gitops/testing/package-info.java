/** Test support: a tiny model server process and event recorders. */
package dev.slipway.gitops.testing;
