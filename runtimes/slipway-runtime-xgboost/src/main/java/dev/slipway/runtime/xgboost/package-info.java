/** XGBOOST_SERVER: a pure-Java evaluator of XGBoost tree models saved as JSON, UBJSON or legacy binary. */
@NullMarked
package dev.slipway.runtime.xgboost;

import org.jspecify.annotations.NullMarked;
