package com.example.imageclassifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.model.DataType;
import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelException;
import dev.slipway.model.ModelFactories;
import dev.slipway.model.ModelFactory;
import dev.slipway.model.Parameters;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The classifier's own work, without a model: decoding, ink, the 8x8 area average on the 0–16 scale, batching, and
 * the requests it refuses. ONNX_SERVER is replaced by {@link RecordingOnnxModel}, a test double that records the
 * tensor it is given.
 */
class ImageClassifierTest {

  /** A digit of scikit-learn's digits (a 7, on the 0–16 scale), row by row. */
  static final int[][] SEVEN = {
      {0, 0, 2, 13, 16, 9, 0, 0},
      {0, 0, 12, 12, 7, 16, 3, 0},
      {0, 1, 14, 3, 0, 16, 4, 0},
      {0, 0, 0, 4, 10, 16, 6, 0},
      {0, 0, 0, 13, 16, 16, 9, 0},
      {0, 0, 0, 5, 13, 1, 0, 0},
      {0, 0, 0, 11, 9, 0, 0, 0},
      {0, 0, 1, 16, 4, 0, 0, 0}};

  @TempDir Path modelDir;

  private RecordingOnnxModel onnx;

  // ---------------------------------------------------------------- loading

  private ImageClassifier classifier(String... params) throws Exception {
    final Map<String, String> map = new HashMap<>();
    for (int i = 0; i < params.length; i += 2) {
      map.put(params[i], params[i + 1]);
    }
    onnx = new RecordingOnnxModel();
    final ImageClassifier c = new ImageClassifier();
    c.load(new ModelContext("classifier", modelDir, "./model", Parameters.of(map), runtimes(onnx)));
    return c;
  }

  private static ModelFactories runtimes(Model onnxDouble) {
    return ModelFactories.of(List.of(new ModelFactory() {
      @Override
      public String name() {
        return "ONNX_SERVER";
      }

      @Override
      public Model create() {
        return onnxDouble;
      }
    }));
  }

  @Test
  void load_handsTheModelFolderAndTheLabelOutputToOnnxServer() throws Exception {
    classifier();
    assertEquals(modelDir, onnx.loadedWith.modelDir());
    assertEquals(Map.of("output", "label"), onnx.loadedWith.parameters().asMap());
    classifier("output", "probabilities", "ink", "light", "pixelMax", "16", "maxPixels", "100");
    assertEquals(Map.of("output", "probabilities"), onnx.loadedWith.parameters().asMap());
  }

  @Test
  void load_refusesBadParameters() {
    final var ink = assertThrows(ModelException.LoadFailure.class, () -> classifier("ink", "blue"));
    assertTrue(ink.getMessage().contains("'ink'"), ink.getMessage());
    assertThrows(ModelException.LoadFailure.class, () -> classifier("output", "logits"));
    assertThrows(ModelException.LoadFailure.class, () -> classifier("pixelMax", "0"));
    assertThrows(ModelException.LoadFailure.class, () -> classifier("maxPixels", "-1"));
    assertThrows(ModelException.LoadFailure.class, () -> classifier("maxPixels", "many"));
  }

  @Test
  void load_withoutTheOnnxRuntimeOrAModelUri_failsNamingWhatIsMissing() {
    final ModelContext noRuntime = new ModelContext("classifier", modelDir, "./model", Parameters.empty(),
        ModelFactories.of(List.of()));
    final var e = assertThrows(ModelException.LoadFailure.class, () -> new ImageClassifier().load(noRuntime));
    assertTrue(e.getMessage().contains("ONNX_SERVER"), e.getMessage());
    final ModelContext noModel = new ModelContext("classifier", null, null, Parameters.empty(),
        runtimes(new RecordingOnnxModel()));
    final var m = assertThrows(ModelException.LoadFailure.class, () -> new ImageClassifier().load(noModel));
    assertTrue(m.getMessage().contains("needs a model URI"), m.getMessage());
  }

  @Test
  void predict_returnsTheModelsAnswerWithTheRequestsTags_andMetadataAndCloseReachTheModel() throws Exception {
    final ImageClassifier c = classifier();
    onnx.answer = 3;
    final Payload out = c.predict(Payload.ofBytes(png(draw(SEVEN, 4, false), BufferedImage.TYPE_INT_RGB))
        .withTags(Map.of("request", "r1")));
    assertArrayEquals(new long[] {3}, out.tensor().longs());
    assertEquals(Map.of("request", "r1"), out.tags());
    assertEquals("onnx-double", c.metadata().platform());
    c.close();
    assertTrue(onnx.closed);
  }

  // ---------------------------------------------------------------- images

  /** An image of {@code digit} (0–16 per cell), each cell {@code scale} pixels square, ink 0..255. */
  static int[][] draw(int[][] digit, int scale, boolean lightInk) {
    final int side = digit.length * scale;
    final int[][] grey = new int[side][side];
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        final int ink = (int) Math.round(digit[y / scale][x / scale] * 255 / 16.0);
        grey[y][x] = lightInk ? ink : 255 - ink;
      }
    }
    return grey;
  }

  /** {@code grey} (0..255, [y][x]) as an image of {@code type}: RGB, grey (8 or 16 bits). */
  static BufferedImage image(int[][] grey, int type) {
    final BufferedImage img = new BufferedImage(grey[0].length, grey.length, type);
    for (int y = 0; y < grey.length; y++) {
      for (int x = 0; x < grey[0].length; x++) {
        final int v = grey[y][x];
        switch (type) {
          case BufferedImage.TYPE_BYTE_GRAY -> img.getRaster().setSample(x, y, 0, v);
          case BufferedImage.TYPE_USHORT_GRAY -> img.getRaster().setSample(x, y, 0, v * 257);
          default -> img.setRGB(x, y, 0xff000000 | (v << 16) | (v << 8) | v);
        }
      }
    }
    return img;
  }

  static byte[] encode(BufferedImage img, String format) throws IOException {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(img, format, out), "no ImageIO writer for " + format);
    return out.toByteArray();
  }

  static byte[] png(int[][] grey, int type) throws IOException {
    return encode(image(grey, type), "png");
  }

  /** The digit as the classifier hands it to the model: [1, 1, 8, 8], value / 16. */
  static float[] expected(int[][] digit) {
    final float[] out = new float[64];
    for (int i = 0; i < 64; i++) {
      out[i] = digit[i / 8][i % 8] / 16f;
    }
    return out;
  }

  private void assertSentDigits(int n, float[] values) {
    final Tensor t = onnx.lastTensor();
    assertEquals(DataType.FP32, t.type());
    assertArrayEquals(new long[] {n, 1, 8, 8}, t.shape());
    assertArrayEquals(values, t.floats(), () -> "sent " + Arrays.toString(t.floats()));
  }

  @ParameterizedTest
  @ValueSource(ints = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY})
  void png_darkInkOnWhite_givesTheDigitsValuesBack(int type) throws Exception {
    final ImageClassifier c = classifier();
    c.predict(Payload.ofBytes(png(draw(SEVEN, 4, false), type)));
    assertSentDigits(1, expected(SEVEN));
  }

  @Test
  void greyPng_midGreyIsHalfInk_notBrightenedAsLinearLight() throws Exception {
    final int[][] grey = new int[8][8];
    for (final int[] row : grey) {
      Arrays.fill(row, 128);
    }
    final ImageClassifier c = classifier();
    c.predict(Payload.ofBytes(png(grey, BufferedImage.TYPE_BYTE_GRAY)));
    // 1 - 128/255 = 0.498 -> 7.97 -> 8/16 (read through getRGB it would be 1 - 188/255 -> 4/16)
    final float[] half = new float[64];
    Arrays.fill(half, 0.5f);
    assertSentDigits(1, half);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bmp", "gif"})
  void bmpAndGif_decodeToTheSameDigit(String format) throws Exception {
    // black and white only, so a GIF palette holds every colour exactly
    final int[][] bw = new int[8][8];
    for (int i = 0; i < 64; i++) {
      bw[i / 8][i % 8] = SEVEN[i / 8][i % 8] >= 8 ? 16 : 0;
    }
    final ImageClassifier c = classifier();
    c.predict(Payload.ofBytes(encode(image(draw(bw, 3, false), BufferedImage.TYPE_INT_RGB), format)));
    assertSentDigits(1, expected(bw));
  }

  @Test
  void jpeg_decodesWithinOneStepOfTheDigit() throws Exception {
    final ImageClassifier c = classifier();
    // cells of 8x8 pixels: each one JPEG block of a single grey, which JPEG keeps to a few levels
    c.predict(Payload.ofBytes(encode(image(draw(SEVEN, 8, false), BufferedImage.TYPE_INT_RGB), "jpg")));
    final float[] want = expected(SEVEN);
    final float[] got = onnx.lastTensor().floats();
    assertArrayEquals(new long[] {1, 1, 8, 8}, onnx.lastTensor().shape());
    for (int i = 0; i < 64; i++) {
      assertEquals(want[i], got[i], 1 / 16.0 + 1e-6, "cell " + i);
      assertEquals(0, got[i] * 16 % 1, 1e-6, "cell " + i + " is a whole step");
    }
  }

  @Test
  void inkLight_lightOnDarkGivesTheSameDigitAsDarkOnLight() throws Exception {
    final ImageClassifier c = classifier("ink", "light");
    c.predict(Payload.ofBytes(png(draw(SEVEN, 4, true), BufferedImage.TYPE_INT_RGB)));
    assertSentDigits(1, expected(SEVEN));
    // the default (dark ink) reads the same light-on-dark image as its negative
    final ImageClassifier dark = classifier();
    dark.predict(Payload.ofBytes(png(draw(SEVEN, 4, true), BufferedImage.TYPE_INT_RGB)));
    final float[] negative = expected(SEVEN);
    for (int i = 0; i < 64; i++) {
      negative[i] = 1 - negative[i];
    }
    assertSentDigits(1, negative);
  }

  @Test
  void transparentPixelsAreBackground() throws Exception {
    // transparent black everywhere (a dark-ink reader must not see ink there), opaque black strokes
    final BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 16; y++) {
      img.setRGB(4, y, 0xff000000);
      img.setRGB(5, y, 0xff000000);
    }
    final ImageClassifier c = classifier();
    c.predict(Payload.ofBytes(encode(img, "png")));
    final float[] want = new float[64];
    for (int y = 0; y < 8; y++) {
      want[y * 8 + 2] = 1;
    }
    assertSentDigits(1, want);
  }

  // ---------------------------------------------------------------- the 8x8 area average

  private static double[] blank(int w, int h) {
    return new double[w * h];
  }

  @Test
  void areaAverage_knownValues() {
    // 16x16: one full-ink pixel is a quarter of its cell -> 4/16
    final double[] a = blank(16, 16);
    a[0] = 1;
    final float[] ra = ImageClassifier.toDigitScale(a, 16, 16);
    assertEquals(4 / 16f, ra[0]);
    assertEquals(4 / 16f, sum(ra));

    // 12x12: cells are 1.5 pixels; pixel (0,0) covers 1 of cell (0,0)'s 2.25 -> 7.1 -> 7/16
    final double[] b = blank(12, 12);
    b[0] = 1;
    assertEquals(7 / 16f, ImageClassifier.toDigitScale(b, 12, 12)[0]);

    // 12x12: pixel (1,1) is split over four cells, a quarter of it in each: 0.25/2.25*16 = 1.8 -> 2/16
    final double[] c = blank(12, 12);
    c[12 + 1] = 1;
    final float[] rc = ImageClassifier.toDigitScale(c, 12, 12);
    for (final int cell : new int[] {0, 1, 8, 9}) {
      assertEquals(2 / 16f, rc[cell], "cell " + cell);
    }
    assertEquals(8 / 16f, sum(rc));

    // 4x4 (smaller than 8x8): pixel (0,0) fills the four cells it covers
    final double[] d = blank(4, 4);
    d[0] = 1;
    final float[] rd = ImageClassifier.toDigitScale(d, 4, 4);
    for (final int cell : new int[] {0, 1, 8, 9}) {
      assertEquals(1f, rd[cell], "cell " + cell);
    }
    assertEquals(4f, sum(rd));

    // 8x4: a wide image; column 0 of every row at half ink -> cell (y, 0) averages 0.5 -> 8/16
    final double[] e = blank(8, 4);
    for (int y = 0; y < 4; y++) {
      e[y * 8] = 0.5;
    }
    final float[] re = ImageClassifier.toDigitScale(e, 8, 4);
    for (int y = 0; y < 8; y++) {
      assertEquals(0.5f, re[y * 8], "row " + y);
    }
    assertEquals(4f, sum(re));
  }

  private static float sum(float[] v) {
    float s = 0;
    for (final float f : v) {
      s += f;
    }
    return s;
  }

  @Test
  void areaAverage_ofAPngWithAOnePixelDot() throws Exception {
    final int[][] white = new int[16][16];
    for (final int[] row : white) {
      Arrays.fill(row, 255);
    }
    white[15][15] = 0;
    final ImageClassifier c = classifier();
    c.predict(Payload.ofBytes(png(white, BufferedImage.TYPE_INT_RGB)));
    final float[] want = new float[64];
    want[63] = 4 / 16f;
    assertSentDigits(1, want);
  }

  // ---------------------------------------------------------------- pixel arrays

  /** {@code n} copies of the digit as ink 0..255 (or 0..16 when {@code max} is 16), flat. */
  private static double[] pixels(int n, double max) {
    final double[] v = new double[n * 64];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 64; k++) {
        v[i * 64 + k] = SEVEN[k / 8][k % 8] * max / 16;
      }
    }
    return v;
  }

  private static float[] times(int n, float[] one) {
    final float[] out = new float[n * one.length];
    for (int i = 0; i < n; i++) {
      System.arraycopy(one, 0, out, i * one.length, one.length);
    }
    return out;
  }

  @Test
  void pixelArrays_everyAcceptedShape() throws Exception {
    final ImageClassifier c = classifier();
    c.predict(Payload.of(Tensor.ofDoubles(pixels(1, 255), 8, 8)));
    assertSentDigits(1, expected(SEVEN));
    c.predict(Payload.of(Tensor.ofDoubles(pixels(3, 255), 3, 8, 8)));
    assertSentDigits(3, times(3, expected(SEVEN)));
    c.predict(Payload.of(Tensor.ofDoubles(pixels(2, 255), 2, 1, 8, 8)));
    assertSentDigits(2, times(2, expected(SEVEN)));
    // integers (an ndarray of whole numbers), and an image larger than 8x8: 16x16 of 2x2 blocks
    final long[] big = new long[256];
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        big[y * 16 + x] = Math.round(SEVEN[y / 2][x / 2] * 255 / 16.0);
      }
    }
    c.predict(Payload.of(Tensor.ofLongs(big, 1, 16, 16)));
    assertSentDigits(1, expected(SEVEN));
    assertEquals(4, onnx.received.size());
  }

  @Test
  void pixelArrays_pixelMaxSetsTheScale() throws Exception {
    final ImageClassifier c = classifier("pixelMax", "16");
    c.predict(Payload.of(Tensor.ofDoubles(pixels(1, 16), 1, 1, 8, 8)));
    assertSentDigits(1, expected(SEVEN));
    assertThrows(ModelException.InvalidInput.class,
        () -> c.predict(Payload.of(Tensor.ofDoubles(pixels(1, 255), 8, 8))));
  }

  // ---------------------------------------------------------------- 400s

  private ModelException.InvalidInput refused(ImageClassifier c, Payload p, String message) {
    final int before = onnx.received.size();
    final var e = assertThrows(ModelException.InvalidInput.class, () -> c.predict(p));
    assertTrue(e.getMessage().contains(message), () -> "'" + e.getMessage() + "' should contain '" + message + "'");
    assertEquals(before, onnx.received.size(), "a refused request must not reach the model");
    return e;
  }

  @Test
  void notAnImage_is400() throws Exception {
    final ImageClassifier c = classifier();
    refused(c, Payload.ofBytes("hello".getBytes()), "binData is not an image");
    refused(c, Payload.ofBytes(new byte[0]), "binData is not an image");
    final byte[] png = png(draw(SEVEN, 4, false), BufferedImage.TYPE_INT_RGB);
    refused(c, Payload.ofBytes(Arrays.copyOf(png, 60)), "binData is not a readable image");
    refused(c, Payload.ofString("a seven"), "expected an image in binData or pixel arrays");
    refused(c, Payload.ofJson(Map.of("image", "seven")), "expected an image in binData or pixel arrays");
    refused(c, Payload.of(Tensor.ofStrings(new String[] {"a", "b", "c", "d"}, 2, 2)), "expected numbers");
  }

  @Test
  void tooManyPixels_is400_beforeDecoding() throws Exception {
    final ImageClassifier c = classifier();
    final byte[] huge = encode(new BufferedImage(2100, 2000, BufferedImage.TYPE_BYTE_GRAY), "png");
    refused(c, Payload.ofBytes(huge), "image of 2100x2000 pixels exceeds the limit of 4000000 pixels");
    final ImageClassifier small = classifier("maxPixels", "100");
    refused(small, Payload.ofBytes(png(new int[10][11], BufferedImage.TYPE_BYTE_GRAY)),
        "image of 11x10 pixels exceeds the limit of 100 pixels");
    refused(small, Payload.of(Tensor.ofDoubles(new double[110], 10, 11)),
        "image of 11x10 pixels exceeds the limit of 100 pixels");
    small.predict(Payload.of(Tensor.ofDoubles(new double[100], 10, 10)));
    assertSentDigits(1, new float[64]);
  }

  @Test
  void wrongShape_is400() throws Exception {
    final ImageClassifier c = classifier();
    refused(c, Payload.of(Tensor.ofDoubles(new double[64], 64)), "must have shape [H, W], [N, H, W] or [N, 1, H, W]");
    refused(c, Payload.of(Tensor.ofDoubles(new double[384], 2, 3, 8, 8)), "got [2, 3, 8, 8]");
    refused(c, Payload.of(Tensor.ofDoubles(new double[64], 1, 1, 1, 8, 8)), "got [1, 1, 1, 8, 8]");
    refused(c, Payload.of(Tensor.ofDoubles(new double[0], 0, 8)), "at least 1x1 pixels; got 8x0");
    // a dimension beyond int with no elements must not wrap into an accepted size
    refused(c, Payload.of(Tensor.ofDoubles(new double[0], 1, 0, (1L << 32) + 8)), "at least 1x1 pixels");
  }

  @Test
  void outOfRangeValues_are400() throws Exception {
    final ImageClassifier c = classifier();
    final double[] v = pixels(1, 255);
    v[10] = 256;
    refused(c, Payload.of(Tensor.ofDoubles(v, 8, 8)), "pixel values must be within 0..255; image 0 has 256");
    final double[] two = pixels(2, 255);
    two[64 + 3] = -1;
    refused(c, Payload.of(Tensor.ofDoubles(two, 2, 8, 8)), "image 1 has -1");
    final double[] nan = pixels(1, 255);
    nan[0] = Double.NaN;
    refused(c, Payload.of(Tensor.ofDoubles(nan, 8, 8)), "has NaN");
  }

  @Test
  void tooManyImages_is400() throws Exception {
    final ImageClassifier c = classifier();
    refused(c, Payload.of(Tensor.ofDoubles(new double[1025], 1025, 1, 1)), "a request holds 1 to 1024 images; got 1025");
    refused(c, Payload.of(Tensor.ofDoubles(new double[0], 0, 8, 8)), "got 0");
    c.predict(Payload.of(Tensor.ofDoubles(new double[1024], 1024, 1, 1, 1)));
    assertEquals(1024, onnx.lastTensor().dim(0));
    assertFalse(onnx.received.isEmpty());
  }
}
