package dev.slipway.pipeline.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The unprivileged OS user steps run as when the control plane runs as root.
 *
 * @param name the user name
 * @param uid its user id
 * @param gid its primary group id
 */
public record StepUser(String name, int uid, int gid) {

    /** The user created for steps when none is named. */
    public static final String DEFAULT = "slipway-step";

    /** True when this process runs as root (uid 0). */
    public static boolean runningAsRoot() {
        try {
            return Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Looks {@code name} up; when it does not exist and {@code create}, creates it as a system user without a login. */
    public static StepUser of(String name, boolean create) {
        if (!name.matches("[a-z_][a-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException("--step-user '" + name + "' is not a valid user name");
        }
        String[] ids = run("id", "-u", name);
        if (ids == null && create) {
            run(
                    "useradd",
                    "--system",
                    "--no-create-home",
                    "--home-dir",
                    "/nonexistent",
                    "--shell",
                    "/usr/sbin/nologin",
                    name);
            ids = run("id", "-u", name);
        }
        String[] gid = run("id", "-g", name);
        if (ids == null || gid == null) {
            throw new IllegalArgumentException(
                    "--step-user " + name + ": no such user" + (create ? " (and useradd failed)" : ""));
        }
        int uid = Integer.parseInt(ids[0].trim());
        if (uid == 0) {
            throw new IllegalArgumentException("--step-user " + name + " is root: steps need an unprivileged user");
        }
        return new StepUser(name, uid, Integer.parseInt(gid[0].trim()));
    }

    /** Gives a folder tree to this user ({@code chown -R}). */
    public void own(Path dir) {
        if (run("chown", "-R", uid + ":" + gid, dir.toString()) == null) {
            throw new IllegalStateException("cannot give " + dir + " to step user " + name);
        }
    }

    private static String[] run(String... cmd) {
        for (String dir : new String[] {"/usr/sbin/", "/usr/bin/", "/sbin/", "/bin/"}) {
            if (Files.isExecutable(Path.of(dir + cmd[0]))) {
                cmd[0] = dir + cmd[0]; // a service's PATH may lack sbin
                break;
            }
        }
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return new String[] {new String(out, java.nio.charset.StandardCharsets.UTF_8)};
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
