/** Linear models: logistic regression, linear SVMs, SGD, ridge and least-squares regressors. */
@NullMarked
package dev.slipway.runtime.sklearn.linear;

import org.jspecify.annotations.NullMarked;
