package dev.slipway.protocol.v1;

import dev.slipway.model.Payload;
import java.util.Objects;

/**
 * A Seldon v1 {@code SeldonMessage}: one payload (data, strData, binData or jsonData), the form its
 * data had on the wire, {@code meta}, and an optional {@code status}.
 *
 * @param payload the content, or null for a message with none (a bare status)
 * @param form how {@code data} was (or is to be) written
 * @param meta the meta block (never null)
 * @param status the status, or null
 */
public record SeldonMessage(Payload payload, DataForm form, Meta meta, Status status) {

    public SeldonMessage {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(meta, "meta");
    }

    /** A message carrying a payload, answered in {@code form}. */
    public static SeldonMessage of(Payload payload, DataForm form, Meta meta) {
        return new SeldonMessage(payload, form, meta, null);
    }

    /** An error message. */
    public static SeldonMessage failure(Status status) {
        return new SeldonMessage(null, DataForm.NONE, Meta.EMPTY, status);
    }

    public SeldonMessage withMeta(Meta m) {
        return new SeldonMessage(payload, form, m, status);
    }

    public SeldonMessage withPayload(Payload p, DataForm f) {
        return new SeldonMessage(p, f, meta, status);
    }
}
