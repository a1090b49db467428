/** Model unit tests in-process (slipway test-model): case files and response comparison. */
@NullMarked
package dev.slipway.cli.testmodel;

import org.jspecify.annotations.NullMarked;
