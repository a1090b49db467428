/** Artifacts: custom model servers as OCI images (built with Jib), a content-addressed store, and their extraction. */
@NullMarked
package dev.slipway.artifact;

import org.jspecify.annotations.NullMarked;
