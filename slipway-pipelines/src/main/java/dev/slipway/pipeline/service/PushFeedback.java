package dev.slipway.pipeline.service;

import dev.slipway.pipeline.model.PipelineRun;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a push is told about the runs it started, as {@code remote:} lines in {@code git push}'s output: git's side-band
 * progress channel (band 2) of the {@code git-receive-pack} answer, added before its closing flush packet. Only when
 * the client asked for a side band (every git since 1.6 does); otherwise the answer is left as it is.
 */
public final class PushFeedback {

    private static final byte[] FLUSH = "0000".getBytes(StandardCharsets.US_ASCII);
    /** The largest side-band packet payload under plain {@code side-band} (1000 bytes in all). */
    private static final int MAX_PAYLOAD = 995;

    private PushFeedback() {}

    /**
     * The lines for {@code runs}: each run's id, branch and pipeline, the command that follows it, and its page when
     * {@code apiUrl} (this server's, as the pusher reached it) is known.
     */
    public static List<String> lines(List<PipelineRun> runs, String apiUrl) {
        final List<String> out = new ArrayList<>();
        if (runs.isEmpty()) {
            return out;
        }
        out.add("");
        for (final PipelineRun run : runs) {
            out.add("Slipway: started pipeline run " + run.id() + " ("
                    + run.pipeline().kind().yamlName() + " of " + (run.branch().isEmpty() ? run.commit() : run.branch())
                    + ")");
            out.add("  follow: slipway pipeline logs " + run.id() + " -f"
                    + (apiUrl == null ? "" : " --server " + apiUrl));
            if (apiUrl != null) {
                out.add("  console: " + apiUrl + "/pipelines/runs/" + run.id());
            }
        }
        out.add("");
        return out;
    }

    /** True when the receive-pack request's capabilities (on its first command line) ask for a side band. */
    public static boolean sideBand(byte[] requestBody) {
        if (requestBody.length < 4) {
            return false;
        }
        final int len;
        try {
            len = Integer.parseInt(new String(requestBody, 0, 4, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            return false; // not a pkt-line (a gzip-encoded body is decoded before it gets here)
        }
        if (len < 4 || len > requestBody.length) {
            return false;
        }
        final String first = new String(requestBody, 4, len - 4, StandardCharsets.ISO_8859_1);
        final int nul = first.indexOf('\0');
        return nul >= 0 && (" " + first.substring(nul + 1).replace('\n', ' ') + " ").matches(".* side-band(-64k)? .*");
    }

    /** {@code answer} with {@code lines} as band-2 packets before its final flush packet (unchanged if it has none). */
    public static byte[] append(byte[] answer, List<String> lines) {
        if (lines.isEmpty() || answer.length < 4 || !endsWithFlush(answer)) {
            return answer;
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream(answer.length + 256);
        out.write(answer, 0, answer.length - 4);
        for (final String line : lines) {
            byte[] payload = (line + "\n").getBytes(StandardCharsets.UTF_8);
            if (payload.length > MAX_PAYLOAD) {
                payload = java.util.Arrays.copyOf(payload, MAX_PAYLOAD);
                payload[MAX_PAYLOAD - 1] = '\n';
            }
            out.writeBytes(String.format("%04x", payload.length + 5).getBytes(StandardCharsets.US_ASCII));
            out.write(2);
            out.writeBytes(payload);
        }
        out.writeBytes(FLUSH);
        return out.toByteArray();
    }

    private static boolean endsWithFlush(byte[] b) {
        return java.util.Arrays.equals(b, b.length - 4, b.length, FLUSH, 0, 4);
    }
}
