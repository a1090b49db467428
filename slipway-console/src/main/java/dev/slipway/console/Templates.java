package dev.slipway.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/** The console's templates, compiled at build time by the jte Maven plugin (nothing is compiled at run time). */
final class Templates {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders {@code src/main/jte/NAME} with the named parameters. */
    String render(String name, Map<String, Object> params) {
        final StringOutput out = new StringOutput(8192);
        engine.render(name, params, out);
        return out.toString();
    }
}
