package dev.slipway.gitops.repo;

import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;

/** One change to a tree when {@link GitOpsRepository#buildTree building} the next commit's tree. */
public sealed interface TreeEdit {

    /** The repository path the edit applies to. */
    String path();

    /** Write a file with {@code content}. */
    record Put(String path, byte[] content) implements TreeEdit {
        public Put {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(content, "content");
        }
    }

    /** Point {@code path} at an existing blob. */
    record PutBlob(String path, ObjectId blob) implements TreeEdit {}

    /** Remove a file. */
    record Delete(String path) implements TreeEdit {}

    /** Remove a folder and everything in it. */
    record DeleteTree(String path) implements TreeEdit {}
}
