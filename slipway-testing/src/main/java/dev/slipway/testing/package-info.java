/** Test support shared by the modules: the reference fixtures in ../shared/fixtures and their tolerances. */
@NullMarked
package dev.slipway.testing;

import org.jspecify.annotations.NullMarked;
