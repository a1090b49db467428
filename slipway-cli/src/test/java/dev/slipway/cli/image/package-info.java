/** Tests of {@code slipway image build} against a real registry. */
package dev.slipway.cli.image;
