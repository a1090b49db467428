/** SKLEARN_SERVER: serves scikit-learn model.joblib and pickle files in pure Java. */
@NullMarked
package dev.slipway.runtime.sklearn;

import org.jspecify.annotations.NullMarked;
