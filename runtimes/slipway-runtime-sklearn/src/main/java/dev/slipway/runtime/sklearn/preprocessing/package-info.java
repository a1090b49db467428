/** Preprocessing transformers: scalers, normalizer, encoders and imputer. */
@NullMarked
package dev.slipway.runtime.sklearn.preprocessing;

import org.jspecify.annotations.NullMarked;
