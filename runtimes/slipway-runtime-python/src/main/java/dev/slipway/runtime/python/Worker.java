package dev.slipway.runtime.python;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One long-lived Python interpreter running the worker script: frames go out on its stdin and come back on
 * its stdout; its stderr (the model's prints included) is forwarded line by line to the log. One call at a time.
 */
final class Worker {

    private static final System.Logger LOG = System.getLogger(Worker.class.getName());

    /** Why a call got no answer: the process is gone (crashed, killed, timed out). */
    static final class Died extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean timedOut;

        Died(String message, boolean timedOut) {
            super(message);
            this.timedOut = timedOut;
        }
    }

    private final int slot;
    private final Process process;
    private final OutputStream toWorker;
    private final DataInputStream fromWorker;
    private final java.util.ArrayDeque<String> recent = new java.util.ArrayDeque<>();
    private volatile boolean timedOut;
    private Thread logForwarder;

    private Worker(int slot, Process process) {
        this.slot = slot;
        this.process = process;
        this.toWorker = process.getOutputStream();
        this.fromWorker = new DataInputStream(process.getInputStream());
    }

    /**
     * Starts the interpreter on the worker script; its stderr lines go to {@code log} prefixed with
     * {@code [name]}.
     */
    static Worker start(int slot, PythonSettings settings, WorkerFiles files, String name, Consumer<String> log)
            throws IOException {
        List<String> command = new ArrayList<>(
                List.of(settings.executable(), "-u", files.script().toString()));
        ProcessBuilder pb =
                new ProcessBuilder(command).directory(settings.directory().toFile());
        Map<String, String> env = pb.environment();
        env.put("PYTHONUNBUFFERED", "1");
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.putIfAbsent("PREDICTIVE_UNIT_ID", name);
        Process p = pb.start();
        Worker w = new Worker(slot, p);
        Thread t = new Thread(() -> w.forward(name, log), "python-log-" + name + "-" + slot);
        t.setDaemon(true);
        w.logForwarder = t;
        t.start();
        return w;
    }

    private void forward(String name, Consumer<String> log) {
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (recent) {
                    if (recent.size() == 20) {
                        recent.removeFirst();
                    }
                    recent.addLast(line);
                }
                log.accept("[" + name + "] " + line);
            }
        } catch (IOException e) {
            log.accept("[" + name + "] (log of worker pid " + process.pid() + " ended: " + e.getMessage() + ")");
        }
    }

    /** The last lines the worker wrote to stderr (at most 20), for start-up failures. */
    String recentOutput() {
        synchronized (recent) {
            return String.join("\n", recent);
        }
    }

    int slot() {
        return slot;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    Process process() {
        return process;
    }

    /** Sends one value and waits for the answer. */
    Object call(Object request) throws Died {
        byte[] body = Frames.encode(request);
        try {
            byte[] frame = new byte[4 + body.length];
            int n = body.length;
            frame[0] = (byte) n;
            frame[1] = (byte) (n >>> 8);
            frame[2] = (byte) (n >>> 16);
            frame[3] = (byte) (n >>> 24);
            System.arraycopy(body, 0, frame, 4, n);
            toWorker.write(frame);
            toWorker.flush();
            int length = Integer.reverseBytes(fromWorker.readInt());
            if (length < 0 || length > Frames.MAX_FRAME) {
                kill();
                throw new Died(
                        "Python worker pid " + pid() + " sent a frame of " + Integer.toUnsignedString(length)
                                + " bytes; it was stopped",
                        false);
            }
            byte[] answer = new byte[length];
            fromWorker.readFully(answer);
            return Frames.decode(answer);
        } catch (EOFException e) {
            throw died();
        } catch (IOException e) {
            throw died();
        } catch (RuntimeException e) {
            kill();
            throw new Died(
                    "Python worker pid " + pid() + " sent an answer that cannot be read (" + e.getMessage()
                            + "); it was stopped",
                    false);
        }
    }

    private Died died() {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        boolean late = timedOut;
        return new Died(late ? "Python worker pid " + pid() + " was stopped" : describeExit(), late);
    }

    /** How the process ended, for messages: its exit code, or the signal that killed it. */
    String describeExit() {
        if (process.isAlive()) {
            return "Python worker pid " + pid() + " closed its connection";
        }
        int code = process.exitValue();
        String how = code > 128
                ? "was killed by signal " + (code - 128) + signalName(code - 128)
                : "exited with code " + code;
        return "Python worker pid " + pid() + " " + how;
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 9 -> " (SIGKILL)";
            case 15 -> " (SIGTERM)";
            case 11 -> " (SIGSEGV)";
            case 6 -> " (SIGABRT)";
            default -> "";
        };
    }

    /** Kills the process because its call ran past the deadline. */
    void killForTimeout() {
        timedOut = true;
        kill();
    }

    void kill() {
        process.destroyForcibly();
    }

    /** Asks the worker to end (closing its input), then kills it if it has not within the grace. */
    void stop(long graceMillis) {
        try {
            toWorker.close();
        } catch (IOException ignored) {
            // it may be gone already; the kill below makes sure
            LOG.log(System.Logger.Level.DEBUG, "it may be gone already; the kill below makes sure", ignored);
        }
        try {
            if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            logForwarder.join(2000); // the model's last lines reach the log before the server goes
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
