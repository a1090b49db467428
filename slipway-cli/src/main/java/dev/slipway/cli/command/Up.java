package dev.slipway.cli.command;

import dev.slipway.controlplane.ControlPlane;
import dev.slipway.controlplane.ControlPlaneConfig;
import dev.slipway.gitops.target.local.JavaServerCommand;
import dev.slipway.gitops.target.local.LocalRuntimeConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code slipway up}: the control plane: local runtime, Seldon-compatible gateway and REST API. */
@Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run the control plane: model servers as supervised local processes behind a Seldon-compatible"
        + " gateway, and the REST API that 'slipway deploy|get|delete' use. What is deployed survives a restart.")
public final class Up implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "State and logs. Default: ~/.slipway/data.")
  Path dataDir;

  @Option(names = "--gateway-port", description = "Gateway port (Ambassador's role). Default: ${DEFAULT-VALUE}.")
  int gatewayPort = 8003;

  @Option(names = "--api-port", description = "REST API port. Default: ${DEFAULT-VALUE}.")
  int apiPort = 8080;

  @Option(names = "--host", description = "Address to bind. Default: ${DEFAULT-VALUE}.")
  String host = "127.0.0.1";

  @Option(names = "--gateway-threads", description = "Gateway event loops. Default: cores.")
  Integer gatewayThreads;

  @Override
  public Integer call() throws Exception {
    final Path data = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".slipway", "data");
    final LocalRuntimeConfig runtime = LocalRuntimeConfig.defaults(data,
        JavaServerCommand.fromCurrentJvm(JavaServerCommand.SLIPWAY_MAIN));
    final int threads = gatewayThreads != null ? gatewayThreads : Runtime.getRuntime().availableProcessors();
    final ControlPlane plane = new ControlPlane(new ControlPlaneConfig(runtime, host, gatewayPort, apiPort, threads))
        .start();
    final CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      plane.close();
      stopped.countDown();
    }, "slipway-up-shutdown"));
    final var out = spec.commandLine().getOut();
    out.println("Slipway control plane: gateway http://" + host + ":" + plane.gatewayPort() + ", API http://" + host
        + ":" + plane.apiPort() + ", data " + data);
    plane.restoreProblems().forEach(p -> spec.commandLine().getErr().println("warning: not restored: " + p));
    out.flush();
    stopped.await();
    return 0;
  }
}
