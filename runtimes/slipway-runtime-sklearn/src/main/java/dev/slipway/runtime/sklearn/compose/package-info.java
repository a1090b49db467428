/** Composite estimators: Pipeline, FeatureUnion, ColumnTransformer. */
@NullMarked
package dev.slipway.runtime.sklearn.compose;

import org.jspecify.annotations.NullMarked;
