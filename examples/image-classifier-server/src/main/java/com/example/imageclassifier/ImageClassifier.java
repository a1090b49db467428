package com.example.imageclassifier;

import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelException;
import dev.slipway.model.ModelMetadata;
import dev.slipway.model.Parameters;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * A reusable image classifier server: accepts images (a PNG/JPEG/GIF/BMP in {@code binData}, or pixel arrays in
 * {@code data.ndarray} of shape [H, W], [N, H, W] or [N, 1, H, W] with ink intensities 0..{@code pixelMax}),
 * normalises each to the 8x8, 0–16 scale of scikit-learn's digits (area-averaged, rounded to integers), and runs
 * the ONNX model of its {@code modelUri} (input [N, 1, 8, 8] = value / 16) through the ONNX runtime the server
 * already has, so this jar stays small.
 *
 * <p>Parameters: {@code ink} ({@code dark}: dark strokes on a light background, the default for images;
 * {@code light}: light on dark), {@code pixelMax} (the largest value of an ndarray pixel, default 255),
 * {@code maxPixels} (per image, default 4,000,000), {@code output} ({@code label}, the default, or
 * {@code probabilities}). Requests that are not images, too large, or of the wrong shape get a 400 naming why.
 */
public final class ImageClassifier implements Model {

  /** The side of the normalised image. */
  static final int SIDE = 8;
  /** The most images one request may hold. */
  static final int MAX_BATCH = 1024;

  private Model onnx;
  private boolean darkInk;
  private double pixelMax;
  private long maxPixels;

  @Override
  public void load(ModelContext context) throws Exception {
    final Parameters p = context.parameters();
    darkInk = p.getChoice("ink", "dark", Set.of("dark", "light")).equals("dark");
    pixelMax = p.getDouble("pixelMax", 255);
    maxPixels = p.getInt("maxPixels", 4_000_000);
    if (pixelMax <= 0 || maxPixels <= 0) {
      throw new ModelException.LoadFailure("pixelMax and maxPixels must be positive");
    }
    final String output = p.getChoice("output", "label", Set.of("label", "probabilities"));
    onnx = context.runtimes().require("ONNX_SERVER").create();
    onnx.load(context.with(context.requireModelDir(), Parameters.of(Map.of("output", output))));
  }

  @Override
  public Payload predict(Payload input) {
    final float[] batch;
    final int n;
    switch (input.kind()) {
      case BYTES -> {
        final BufferedImage image = decode(input.bytes());
        batch = toDigitScale(inkOf(image), image.getWidth(), image.getHeight());
        n = 1;
      }
      case TENSORS -> {
        final Tensor t = input.tensor();
        final long[] s = t.shape();
        final long images;
        final long rows;
        final long columns;
        if (s.length == 2) {
          images = 1;
          rows = s[0];
          columns = s[1];
        } else if (s.length == 3) {
          images = s[0];
          rows = s[1];
          columns = s[2];
        } else if (s.length == 4 && s[1] == 1) {
          images = s[0];
          rows = s[2];
          columns = s[3];
        } else {
          throw new ModelException.InvalidInput("pixel arrays must have shape [H, W], [N, H, W] or [N, 1, H, W]; "
              + "got " + Arrays.toString(s));
        }
        if (images < 1 || images > MAX_BATCH) {
          throw new ModelException.InvalidInput("a request holds 1 to " + MAX_BATCH + " images; got " + images);
        }
        // checked as longs before narrowing: a dimension beyond int must not wrap into an accepted size
        checkSize(columns, rows);
        n = (int) images;
        final int h = (int) rows;
        final int w = (int) columns;
        final double[] values = t.toDoubles();
        batch = new float[n * SIDE * SIDE];
        for (int i = 0; i < n; i++) {
          final double[] ink = new double[h * w];
          for (int k = 0; k < h * w; k++) {
            final double v = values[i * h * w + k];
            if (!(v >= 0 && v <= pixelMax)) {
              throw new ModelException.InvalidInput("pixel values must be within 0.." + number(pixelMax) + "; image "
                  + i + " has " + number(v));
            }
            ink[k] = v / pixelMax;
          }
          System.arraycopy(toDigitScale(ink, w, h), 0, batch, i * SIDE * SIDE, SIDE * SIDE);
        }
      }
      default -> throw new ModelException.InvalidInput("expected an image in binData or pixel arrays in "
          + "data.ndarray; got " + input.describe());
    }
    return onnx.predict(Payload.of(Tensor.ofFloats(batch, n, 1, SIDE, SIDE))).withTags(input.tags());
  }

  private BufferedImage decode(byte[] bytes) {
    // the bytes are in memory already: no cache file per request (ImageIO.createImageInputStream would write one)
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      final Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new ModelException.InvalidInput("binData is not an image (PNG, JPEG, GIF or BMP)");
      }
      final ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        checkSize(reader.getWidth(0), reader.getHeight(0));
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ModelException) {
        throw (ModelException) e;
      }
      throw new ModelException.InvalidInput("binData is not a readable image: " + e.getMessage());
    }
  }

  private void checkSize(long w, long h) {
    if (w < 1 || h < 1) {
      throw new ModelException.InvalidInput("an image needs at least 1x1 pixels; got " + w + "x" + h);
    }
    if (w * h > maxPixels) {
      throw new ModelException.InvalidInput("image of " + w + "x" + h + " pixels exceeds the limit of " + maxPixels
          + " pixels");
    }
  }

  /**
   * The ink of every pixel (0..1, row-major): {@code 1 - luminance} for dark ink, the luminance for light ink,
   * times the pixel's opacity (transparent pixels are background). Grey images are read from their samples:
   * {@link BufferedImage#getRGB} would treat their values as linear light and brighten every mid grey (128
   * becomes 188), thinning anti-aliased strokes.
   */
  private double[] inkOf(BufferedImage image) {
    final int w = image.getWidth();
    final int h = image.getHeight();
    final double[] ink = new double[w * h];
    final ColorModel cm = image.getColorModel();
    final boolean grey = !(cm instanceof IndexColorModel) && cm.getNumColorComponents() == 1
        && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    final Raster raster = image.getRaster();
    final double greyMax = grey ? (1L << cm.getComponentSize(0)) - 1 : 1;
    final double alphaMax = grey && cm.hasAlpha() ? (1L << cm.getComponentSize(1)) - 1 : 1;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        final double luminance;
        final double alpha;
        if (grey) {
          alpha = cm.hasAlpha() ? raster.getSample(x, y, 1) / alphaMax : 1;
          final double g = raster.getSample(x, y, 0) / greyMax;
          luminance = cm.isAlphaPremultiplied() && alpha > 0 ? Math.min(1, g / alpha) : g;
        } else {
          final int rgb = image.getRGB(x, y);
          alpha = ((rgb >>> 24) & 0xff) / 255.0;
          luminance = (0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff)) / 255.0;
        }
        ink[y * w + x] = (darkInk ? 1 - luminance : luminance) * alpha;
      }
    }
    return ink;
  }

  /** Area-averages {@code ink} (0..1, row-major w x h) onto 8x8, rounds to the digits' 0..16 and divides by 16. */
  static float[] toDigitScale(double[] ink, int w, int h) {
    final float[] out = new float[SIDE * SIDE];
    for (int cy = 0; cy < SIDE; cy++) {
      final double y0 = (double) cy * h / SIDE;
      final double y1 = (double) (cy + 1) * h / SIDE;
      for (int cx = 0; cx < SIDE; cx++) {
        final double x0 = (double) cx * w / SIDE;
        final double x1 = (double) (cx + 1) * w / SIDE;
        double sum = 0;
        double area = 0;
        for (int y = (int) Math.floor(y0); y < Math.ceil(y1); y++) {
          final double fy = Math.min(y + 1, y1) - Math.max(y, y0);
          for (int x = (int) Math.floor(x0); x < Math.ceil(x1); x++) {
            final double fx = Math.min(x + 1, x1) - Math.max(x, x0);
            sum += ink[y * w + x] * fx * fy;
            area += fx * fy;
          }
        }
        out[cy * SIDE + cx] = Math.round(sum / area * 16) / 16f;
      }
    }
    return out;
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  @Override
  public ModelMetadata metadata() {
    return onnx == null ? ModelMetadata.of("image-classifier") : onnx.metadata();
  }

  @Override
  public void close() throws Exception {
    if (onnx != null) {
      onnx.close();
    }
  }
}
