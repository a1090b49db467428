package dev.slipway.gitops.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints what a started JVM sees: one line per argument, then {@code classpath-length N} and
 * {@code cmdline-length N} (the bytes of {@code /proc/self/cmdline}, what native libraries read).
 */
public final class PrintArgs {

    private PrintArgs() {}

    public static void main(String[] args) throws Exception {
        for (final String arg : args) {
            System.out.println("arg " + arg.replace("\n", "\\n"));
        }
        System.out.println(
                "classpath-length " + System.getProperty("java.class.path").length());
        System.out.println("cmdline-length " + Files.readAllBytes(Path.of("/proc/self/cmdline")).length);
    }
}
