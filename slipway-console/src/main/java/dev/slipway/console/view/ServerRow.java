package dev.slipway.console.view;

import java.util.List;

/** A registered custom server: its image, model class, and the environments' applications that use it. */
public record ServerRow(String name, String image, String modelClass, List<String> usedBy) {

  public ServerRow {
    usedBy = List.copyOf(usedBy);
  }
}
