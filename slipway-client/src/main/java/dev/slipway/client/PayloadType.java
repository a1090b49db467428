package dev.slipway.client;

import dev.slipway.protocol.v1.DataForm;
import java.util.Locale;

/** How tensor data is sent, as {@code SeldonClient(payload_type=…)}. */
public enum PayloadType {
    NDARRAY(DataForm.NDARRAY),
    TENSOR(DataForm.TENSOR),
    TFTENSOR(DataForm.TFTENSOR);

    private final DataForm form;

    PayloadType(DataForm form) {
        this.form = form;
    }

    public DataForm form() {
        return form;
    }

    public static PayloadType parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("payload type must be ndarray, tensor or tftensor, not '" + s + "'");
        }
    }
}
