package dev.slipway.gitops.target.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One model-server process: started with its output appended to a log file, its port read from its
 * {@code listening on http://HOST:PORT} line, its readiness from {@code GET /v2/health/ready}, stopped with
 * SIGTERM and, after a grace period, SIGKILL.
 */
final class ReplicaProcess {

    private static final Pattern LISTENING = Pattern.compile("listening on http://([^:/\\s]+):(\\d+)");
    private static final Pattern SOCKET = Pattern.compile("model server socket (/\\S+)");

    private final Process process;
    private final Path logFile;
    private final long logStart;
    private volatile int port;
    private volatile String socket;

    private ReplicaProcess(Process process, Path logFile, long logStart) {
        this.process = process;
        this.logFile = logFile;
        this.logStart = logStart;
    }

    /** Starts {@code command}, appending its output to {@code logFile} after a header line. */
    static ReplicaProcess start(List<String> command, Map<String, String> env, Path logFile, String header)
            throws IOException {
        Files.createDirectories(logFile.getParent());
        Files.writeString(
                logFile,
                header + System.lineSeparator(),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        final long start = Files.size(logFile);
        final ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        return new ReplicaProcess(builder.start(), logFile, start);
    }

    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    /** The Unix domain socket the server printed before its port, or null. */
    String socket() {
        return socket;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Reads the port from the log once the server printed it; 0 while not yet. */
    int discoverPort() throws IOException {
        if (port != 0) {
            return port;
        }
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            if (file.length() <= logStart) {
                return 0;
            }
            file.seek(logStart);
            final byte[] bytes = new byte[(int) Math.min(file.length() - logStart, 64 * 1024)];
            file.readFully(bytes);
            final String text = new String(bytes, StandardCharsets.UTF_8);
            final Matcher m = LISTENING.matcher(text);
            if (m.find()) {
                final Matcher s = SOCKET.matcher(text.substring(0, m.start()));
                socket = s.find() ? s.group(1) : null;
                port = Integer.parseInt(m.group(2));
            }
        }
        return port;
    }

    /** True when the server answers 200 on {@code /v2/health/ready}. */
    boolean probeReady(HttpClient http, String host) {
        if (port == 0) {
            return false;
        }
        try {
            final HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://" + host + ":" + port + "/v2/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL (the process and anything it started). */
    void stop(Duration grace) {
        final List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** The command as a shell would need it typed: words with anything but safe characters single-quoted. */
    static String shellQuoted(List<String> command) {
        final StringBuilder out = new StringBuilder();
        for (final String word : command) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(
                    !word.isEmpty() && word.matches("[A-Za-z0-9_@%+=:,./-]+")
                            ? word
                            : "'" + word.replace("'", "'\\''") + "'");
        }
        return out.toString();
    }

    /** {@code " (signal N, SIGNAME)"} for an exit code 128+N of a process killed by a signal, else empty. */
    static String signalName(int exitCode) {
        final int signal = exitCode - 128;
        final String name = switch (signal) {
            case 4 -> "SIGILL";
            case 6 -> "SIGABRT";
            case 7 -> "SIGBUS";
            case 8 -> "SIGFPE";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 15 -> "SIGTERM";
            default -> null;
        };
        return name == null ? "" : " (signal " + signal + ", " + name + ")";
    }

    /** True for the exit code of a process killed by SIGSEGV, SIGBUS, SIGILL or SIGFPE. */
    static boolean killedByFault(int exitCode) {
        return exitCode == 128 + 11 || exitCode == 128 + 7 || exitCode == 128 + 4 || exitCode == 128 + 8;
    }

    /** The last {@code lines} lines of the log file. */
    static List<String> tail(Path logFile, int lines) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            final long from = Math.max(0, file.length() - 16 * 1024);
            file.seek(from);
            final byte[] bytes = new byte[(int) (file.length() - from)];
            file.readFully(bytes);
            final Deque<String> last = new ArrayDeque<>();
            for (final String line : new String(bytes, StandardCharsets.UTF_8).split("\\R")) {
                last.addLast(line);
                if (last.size() > lines) {
                    last.removeFirst();
                }
            }
            return List.copyOf(last);
        } catch (IOException e) {
            return List.of("(log unreadable: " + e.getMessage() + ")");
        }
    }
}
