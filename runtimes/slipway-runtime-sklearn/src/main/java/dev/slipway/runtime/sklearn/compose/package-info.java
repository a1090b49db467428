/** Composite estimators: Pipeline, FeatureUnion, ColumnTransformer. */
package dev.slipway.runtime.sklearn.compose;
