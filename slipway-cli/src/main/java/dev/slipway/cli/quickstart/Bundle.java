package dev.slipway.cli.quickstart;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds bundled examples: under {@code slipway.home} (the launcher sets it), the jar's checkout, or here. */
final class Bundle {

  private Bundle() {}

  static Path find(String relative) {
    final List<Path> roots = new ArrayList<>();
    final String home = System.getProperty("slipway.home");
    if (home != null) {
      roots.add(Path.of(home));
    }
    try {
      // slipway-cli/target/slipway.jar in a checkout
      final Path jar = Path.of(Bundle.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (jar.getParent() != null && jar.getParent().getParent() != null && jar.getParent().getParent().getParent() != null) {
        roots.add(jar.getParent().getParent().getParent());
      }
    } catch (URISyntaxException | RuntimeException e) {
      // no code source: only the other roots
    }
    roots.add(Path.of("."));
    for (final Path root : roots) {
      final Path p = root.resolve(relative).toAbsolutePath().normalize();
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    throw new IllegalArgumentException("the bundled example " + relative + " was not found under " + roots
        + " (run the launcher ./slipway from the checkout)");
  }
}
