package dev.slipway.pipeline.trigger;

import dev.slipway.pipeline.exec.Git;
import java.util.Map;
import java.util.TreeMap;

/** Reads branch heads with {@code git ls-remote --heads REMOTE}. */
public final class GitRemoteHeads implements BranchPoller.RemoteHeads {

    private static final String HEADS = "refs/heads/";

    private final Git git;

    public GitRemoteHeads(Git git) {
        this.git = git;
    }

    @Override
    public Map<String, String> heads(String remote) {
        Map<String, String> out = new TreeMap<>();
        for (String line : git.run(null, "ls-remote", "--heads", "--", remote).split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0 && line.startsWith(HEADS, tab + 1)) {
                out.put(line.substring(tab + 1 + HEADS.length()), line.substring(0, tab));
            }
        }
        return out;
    }

    /** The remote's default branch (where its HEAD points), or empty when it does not say. */
    public String defaultBranch(String remote) {
        for (String line :
                git.run(null, "ls-remote", "--symref", "--", remote, "HEAD").split("\n")) {
            if (line.startsWith("ref: " + HEADS) && line.endsWith("\tHEAD")) {
                return line.substring(("ref: " + HEADS).length(), line.length() - "\tHEAD".length());
            }
        }
        return "";
    }
}
