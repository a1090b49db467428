/** Linear models: logistic regression, linear SVMs, SGD, ridge and least-squares regressors. */
package dev.slipway.runtime.sklearn.linear;
