/** Model unit tests in-process (slipway test-model): case files and response comparison. */
package dev.slipway.cli.testmodel;
