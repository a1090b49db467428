/** What the console's templates show: immutable records, read from the API's answers. */
package dev.slipway.console.view;
