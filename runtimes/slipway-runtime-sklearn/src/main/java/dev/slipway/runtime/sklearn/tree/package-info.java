/** Decision trees and tree ensembles: forests, extra trees, gradient boosting, dummy estimators. */
package dev.slipway.runtime.sklearn.tree;
