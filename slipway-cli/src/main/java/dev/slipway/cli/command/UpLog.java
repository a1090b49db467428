package dev.slipway.cli.command;

import dev.slipway.controlplane.ControlPlane;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The control plane's own log file: {@code slipway up}'s stderr (its SLF4J log, whose lines start with their time) is
 * also appended to {@code DATA/slipway-up.log}, which {@code slipway logs --up} reads. A file over 10 MiB is moved to
 * {@code slipway-up.log.1} at start.
 */
final class UpLog {

    static final long ROTATE_AT = 10L * 1024 * 1024;

    private UpLog() {}

    /** From now on stderr also goes to the data folder's log. */
    static void start(Path data) throws IOException {
        final Path log = ControlPlane.logFile(data);
        Files.createDirectories(data);
        if (Files.exists(log) && Files.size(log) > ROTATE_AT) {
            Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        final OutputStream file = new FileOutputStream(log.toFile(), true);
        System.setErr(new PrintStream(new Tee(System.err, file), true, StandardCharsets.UTF_8));
    }

    /** Writes to both; a failing file does not silence stderr. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;
        private boolean secondBroken;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            if (!secondBroken) {
                try {
                    second.write(b);
                } catch (IOException e) {
                    secondBroken = true;
                }
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            if (!secondBroken) {
                try {
                    second.write(b, off, len);
                } catch (IOException e) {
                    secondBroken = true;
                }
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            first.flush();
            if (!secondBroken) {
                try {
                    second.flush();
                } catch (IOException e) {
                    secondBroken = true;
                }
            }
        }
    }
}
