/** The estimator model: input rows, the estimator contract, attribute reading and the class registry. */
@NullMarked
package dev.slipway.runtime.sklearn.estimators;

import org.jspecify.annotations.NullMarked;
