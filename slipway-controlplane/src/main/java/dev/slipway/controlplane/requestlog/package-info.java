/** The built-in request-log sink of {@code slipway up}: CloudEvents received over HTTP, kept on disk, joined by puid. */
@NullMarked
package dev.slipway.controlplane.requestlog;

import org.jspecify.annotations.NullMarked;
