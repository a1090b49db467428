/** Preprocessing transformers: scalers, normalizer, encoders and imputer. */
package dev.slipway.runtime.sklearn.preprocessing;
