/** MLFLOW_SERVER: reads an MLflow {@code MLmodel} file and serves its flavor through the matching runtime. */
@NullMarked
package dev.slipway.runtime.mlflow;

import org.jspecify.annotations.NullMarked;
