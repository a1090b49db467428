package dev.slipway.protocol;

import dev.slipway.model.ModelException;

/** A message that does not follow its protocol; the message names the field and the problem (HTTP 400). */
public class ProtocolException extends ModelException.InvalidInput {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
