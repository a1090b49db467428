/** Model storage: resolves a {@code modelUri} (file, http(s), s3, gs) to a local folder through a cache. */
@NullMarked
package dev.slipway.storage;

import org.jspecify.annotations.NullMarked;
