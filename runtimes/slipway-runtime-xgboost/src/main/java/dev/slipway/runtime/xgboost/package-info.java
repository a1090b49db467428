/** XGBOOST_SERVER: a pure-Java evaluator of XGBoost tree models saved as JSON, UBJSON or legacy binary. */
package dev.slipway.runtime.xgboost;
