/** SKLEARN_SERVER: serves scikit-learn model.joblib and pickle files in pure Java. */
package dev.slipway.runtime.sklearn;
