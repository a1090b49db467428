/** Model storage: resolves a {@code modelUri} (file, http(s), s3, gs) to a local folder through a cache. */
package dev.slipway.storage;
