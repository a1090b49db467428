package dev.slipway.pipeline.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds and stops every process a step started. Members are the step process's descendants and, where
 * {@code /proc} exists, every process in the step's session or process group (the step starts as a session
 * leader: {@link StepIsolation}) and every process whose environment carries the step's cookie variable
 * (children that outlived their parent are re-parented and no longer descendants, but keep their session and
 * environment — Jenkins' ProcessTreeKiller does the cookie part). A process that both starts a new session
 * and drops the cookie after its parent ended is not found: steps run in a PID namespace where the machine
 * allows one, which closes that gap (the kernel ends the namespace with the step). Stopping is SIGTERM to all, then SIGKILL to what is left after a grace
 * period.
 */
public final class ProcessTree {

    /** The environment variable marking every process of one step. */
    public static final String COOKIE = "SLIPWAY_STEP_COOKIE";

    private final ProcessHandle root;
    private final String cookie;
    private final long session;

    public ProcessTree(ProcessHandle root, String cookie) {
        this(root, cookie, 0);
    }

    /**
     * As above, also taking every process of session (and process group) {@code session} (0: none); {@code root}
     * is null when the step's first process is gone (after a restart).
     */
    public ProcessTree(ProcessHandle root, String cookie, long session) {
        this.root = root;
        this.cookie = cookie;
        this.session = session;
    }

    /** The session and process group of a process ({@code /proc/PID/stat}), or {-1, -1}. */
    public static long[] sessionOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[3]), Long.parseLong(f[2])};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    /** The live members, root included when alive. */
    public List<ProcessHandle> members() {
        Map<Long, ProcessHandle> out = new LinkedHashMap<>();
        if (root != null && live(root)) {
            out.put(root.pid(), root);
        }
        if (root != null) {
            root.descendants().filter(ProcessTree::live).forEach(p -> out.put(p.pid(), p));
        }
        if ((cookie != null || session > 1) && Files.isDirectory(Path.of("/proc/self"))) {
            byte[] marker = cookie == null ? null : (COOKIE + "=" + cookie).getBytes(StandardCharsets.UTF_8);
            long self = ProcessHandle.current().pid();
            long[] own = sessionOf(self);
            boolean bySession = session > 1 && session != own[0] && session != own[1];
            ProcessHandle.allProcesses()
                    .filter(p -> p.pid() != self && !out.containsKey(p.pid()))
                    .filter(p -> (bySession && inSession(p.pid())) || (marker != null && environHas(p.pid(), marker)))
                    .filter(ProcessTree::live)
                    .forEach(p -> out.put(p.pid(), p));
        }
        return new ArrayList<>(out.values());
    }

    /** Alive and not a zombie (a killed process its new parent has not reaped yet is gone for our purposes). */
    public static boolean live(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
        } catch (IOException | SecurityException e) {
            return p.isAlive(); // no /proc: trust the JDK
        }
    }

    private boolean inSession(long pid) {
        long[] s = sessionOf(pid);
        return s[0] == session || s[1] == session;
    }

    private static boolean environHas(long pid, byte[] marker) {
        byte[] env;
        try {
            env = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
        } catch (IOException | SecurityException e) {
            return false; // gone, or not ours to read
        }
        outer:
        for (int i = 0; i + marker.length <= env.length; i++) {
            if (i > 0 && env[i - 1] != 0) {
                continue;
            }
            for (int j = 0; j < marker.length; j++) {
                if (env[i + j] != marker[j]) {
                    continue outer;
                }
            }
            if (i + marker.length == env.length || env[i + marker.length] == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sends SIGTERM to every member (re-collecting, so children forked meanwhile are caught), waits up to
     * {@code grace} for them to end, then SIGKILLs the rest and waits up to {@code grace} again.
     *
     * @return true when no member is left alive
     */
    public boolean kill(Duration grace) {
        List<ProcessHandle> all = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            List<ProcessHandle> now = members();
            if (now.isEmpty()) {
                break;
            }
            // children first, so a parent shell does not react to a child's death by starting another
            for (int i = now.size() - 1; i >= 0; i--) {
                now.get(i).destroy();
            }
            all.addAll(now);
        }
        if (!awaitGone(all, grace)) {
            for (int round = 0; round < 3; round++) {
                List<ProcessHandle> left =
                        new ArrayList<>(all.stream().filter(ProcessTree::live).toList());
                left.addAll(members());
                if (left.isEmpty()) {
                    break;
                }
                left.forEach(ProcessHandle::destroyForcibly);
                all.addAll(left);
                awaitGone(left, grace);
            }
        }
        return all.stream().noneMatch(ProcessTree::live) && members().isEmpty();
    }

    /** Waits until none of the processes is live (exited, or a zombie), up to the limit. */
    private static boolean awaitGone(List<ProcessHandle> processes, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        List<ProcessHandle> left = processes;
        while (true) {
            left = left.stream().filter(ProcessTree::live).toList();
            if (left.isEmpty()) {
                return true;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            // wake on the first exit, or after 20 ms to re-check zombies (their onExit waits for a reaper)
            await(
                    left,
                    Duration.ofNanos(Math.min(remaining, Duration.ofMillis(20).toNanos())));
        }
    }

    private static boolean await(List<ProcessHandle> processes, Duration limit) {
        CompletableFuture<?>[] exits =
                processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.anyOf(exits).get(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return processes.stream().noneMatch(ProcessHandle::isAlive);
        }
    }
}
