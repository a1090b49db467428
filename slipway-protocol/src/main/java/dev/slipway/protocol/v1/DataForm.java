package dev.slipway.protocol.v1;

/** How a message carries its data: the Seldon {@code data} variants, or none (strData, binData, jsonData). */
public enum DataForm {
    NDARRAY,
    TENSOR,
    TFTENSOR,
    NONE
}
