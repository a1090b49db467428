package dev.slipway.console.view;

import java.util.List;

/**
 * A registered custom server: its image and model class, the images it was registered with (oldest first), and the
 * environments' deployments that use it ({@code env/deployment (node)}).
 */
public record ServerRow(String name, String image, String modelClass, List<String> versions, List<String> usedBy) {

    public ServerRow {
        versions = List.copyOf(versions);
        usedBy = List.copyOf(usedBy);
    }
}
