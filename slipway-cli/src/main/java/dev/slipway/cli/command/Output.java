package dev.slipway.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.slipway.client.SlipwayClient;
import java.io.PrintWriter;
import java.util.List;

/** How commands print records: {@code -o json} as the API writes them (indented, ending with a newline). */
final class Output {

  private static final ObjectMapper JSON = SlipwayClient.mapper().rebuild()
      .enable(SerializationFeature.INDENT_OUTPUT).build();

  private Output() {}

  /** {@code value} as indented JSON and a newline. */
  static void json(PrintWriter out, Object value) {
    try {
      out.println(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
    out.flush();
  }

  /** The first 7 characters of a revision. */
  static String shortRev(String rev) {
    return rev == null ? "" : rev.length() > 7 ? rev.substring(0, 7) : rev;
  }

  /** {@code a,b,c}. */
  static String join(List<String> parts) {
    return String.join(",", parts);
  }
}
