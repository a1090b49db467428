/** Test support shared by the modules: the reference fixtures in ../shared/fixtures and their tolerances. */
package dev.slipway.testing;
