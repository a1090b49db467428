/** Artifacts: custom model servers as OCI images (built with Jib), a content-addressed store, and their extraction. */
package dev.slipway.artifact;
