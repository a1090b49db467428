package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** PNGs of the digits-cnn-onnx fixture's 8x8 inputs, for tests that ask the image classifier. */
public final class DigitImages {

    private DigitImages() {}

    /** A PNG of one 8x8 fixture input ({@code [1][8][8]}, values k/16, ink high) drawn dark on white, 4 times larger. */
    public static byte[] png(JsonNode image) {
        final BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                final int v = (int)
                        Math.round(255 - image.get(0).get(y / 4).get(x / 4).asDouble() * 255);
                img.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
