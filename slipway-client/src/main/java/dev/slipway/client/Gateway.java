package dev.slipway.client;

import java.util.Locale;

/** Which kind of endpoint a client talks to, as Seldon's {@code SeldonClient(gateway=…)}. */
public enum Gateway {
    /** Ambassador routes: {@code /seldon/{namespace}/{deployment}/…}. */
    AMBASSADOR,
    /** Istio routes: the same paths as Ambassador. */
    ISTIO,
    /** A model server or executor directly: {@code /api/v1.0/…}. */
    SELDON;

    public static Gateway parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gateway must be ambassador, istio or seldon, not '" + s + "'");
        }
    }
}
