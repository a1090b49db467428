/** Decision trees and tree ensembles: forests, extra trees, gradient boosting, dummy estimators. */
@NullMarked
package dev.slipway.runtime.sklearn.tree;

import org.jspecify.annotations.NullMarked;
