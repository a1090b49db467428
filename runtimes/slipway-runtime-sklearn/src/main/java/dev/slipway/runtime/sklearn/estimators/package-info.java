/** The estimator model: input rows, the estimator contract, attribute reading and the class registry. */
package dev.slipway.runtime.sklearn.estimators;
