/** MLFLOW_SERVER: reads an MLflow {@code MLmodel} file and serves its flavor through the matching runtime. */
package dev.slipway.runtime.mlflow;
