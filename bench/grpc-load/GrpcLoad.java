import dev.slipway.protocol.grpc.SeldonProtoJson;
import dev.slipway.protocol.grpc.seldon.SeldonMessage;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A small closed-loop load generator for Seldon predictions (the same 4-float ndarray), over REST or gRPC, through
 * a gateway or straight to a model server, comparing several targets side by side in ONE process: each target gets
 * CONNECTIONS callers that each send the next request when the last one answered; every target is first warmed up
 * for WARMUP seconds (JIT of both client stacks, connections), then ROUNDS rounds run the targets in turn for
 * SECONDS each, so all see the same machine load. Prints one line per target and round:
 * "ROUND NAME REQ_PER_S P50_MS P99_MS ERRORS SERVER_CPU_US_PER_REQUEST" (the last from /proc: the CPU time the
 * processes named by -Dpids=PID,PID spent per answered request, "-" without it).
 *
 * <p>Both protocols run asynchronously on the same two client threads, each caller's next request sent from the
 * previous one's callback: REST on Vert.x's HTTP client (HTTP/1.1 keep-alive, one connection per caller), gRPC on
 * grpc-java (one channel, an HTTP/2 connection, per caller). Why: on this CPU-starved shared machine a client with
 * more threads gets more CPU, and a fresh JVM's first seconds are class loading and JIT (an earlier version started
 * a JVM per measurement, gave REST a blocked thread per connection and gRPC grpc-java's blocking stub: gRPC then
 * measured 40 calls/s against a grpc-java echo server as much as against Slipway).
 *
 * <p>Usage: java -cp 'slipway-cli/target/lib/*' GrpcLoad CONNECTIONS SECONDS ROUNDS WARMUP TARGET...; a TARGET is
 * NAME=rest|grpc,HOST:PORT,NAMESPACE,DEPLOYMENT. NAMESPACE "-": straight to a model server (REST
 * /api/v1.0/predictions, gRPC seldon.protos.Model/Predict); otherwise the gateway (REST
 * /seldon/NS/DEP/api/v1.0/predictions, gRPC seldon.protos.Seldon/Predict with Ambassador's metadata).
 */
public final class GrpcLoad {

  private static final int THREADS = 2;
  private static final java.util.concurrent.ScheduledExecutorService RETRY =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "retry");
        t.setDaemon(true);
        return t;
      });
  private static final List<String> PIDS = System.getProperty("pids", "").isBlank() ? List.of()
      : List.of(System.getProperty("pids").split(","));
  private static final String BODY = "{\"data\":{\"ndarray\":[[1.0, 2.0, 3.0, 4.0]]}}";

  /** One asynchronous caller: sends a request, then tells {@code done} whether it succeeded. */
  interface Caller {
    void call(Consumer<Boolean> done);
  }

  /** One caller's measured latencies, in nanoseconds. */
  static final class Record {
    final long[] nanos = new long[500_000];
    int count;
  }

  record Target(String name, List<Caller> callers) {}

  public static void main(String[] args) throws Exception {
    final int connections = Integer.parseInt(args[0]);
    final long seconds = Long.parseLong(args[1]);
    final int rounds = Integer.parseInt(args[2]);
    final long warmup = Long.parseLong(args[3]);
    final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(THREADS));
    final EventLoopGroup group = new NioEventLoopGroup(THREADS);
    final List<ManagedChannel> channels = new ArrayList<>();
    final List<Target> targets = new ArrayList<>();
    for (int i = 4; i < args.length; i++) {
      final String[] nameSpec = args[i].split("=", 2);
      final String[] spec = nameSpec[1].split(",");
      final List<Caller> callers = new ArrayList<>();
      for (int c = 0; c < connections; c++) {
        callers.add(spec[0].equals("grpc") ? grpc(group, spec[1], spec[2], spec[3], channels)
            : rest(vertx, spec[1], spec[2], spec[3]));
      }
      targets.add(new Target(nameSpec[0], callers));
    }
    for (final Target t : targets) {
      run(t, warmup);
    }
    for (int r = 1; r <= rounds; r++) {
      for (final Target t : targets) {
        System.out.println(r + " " + t.name() + " " + run(t, seconds));
      }
    }
    channels.forEach(ManagedChannel::shutdownNow);
    group.shutdownGracefully();
    vertx.close();
    System.exit(0);
  }

  /** Runs every caller of {@code target} for {@code seconds}: "REQ_PER_S P50_MS P99_MS ERRORS". */
  private static String run(Target target, long seconds) throws InterruptedException {
    final long cpuBefore = serverTicks();
    final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    final AtomicLong errors = new AtomicLong();
    final List<Record> records = new ArrayList<>();
    final CountDownLatch finished = new CountDownLatch(target.callers().size());
    for (final Caller caller : target.callers()) {
      final Record record = new Record();
      records.add(record);
      loop(caller, record, end, errors, finished);
    }
    // a caller whose request never completes (a stuck connection) must not hang the run: it counts as an error
    if (!finished.await(seconds + 45, TimeUnit.SECONDS)) {
      errors.addAndGet(finished.getCount());
    }
    final long cpuTicks = serverTicks() - cpuBefore;
    int total = 0;
    for (final Record r : records) {
      total += r.count;
    }
    final long[] all = new long[total];
    int k = 0;
    for (final Record r : records) {
      System.arraycopy(r.nanos, 0, all, k, r.count);
      k += r.count;
    }
    Arrays.sort(all);
    final double p50 = all.length == 0 ? 0 : all[all.length / 2] / 1e6;
    final double p99 = all.length == 0 ? 0 : all[(int) (all.length * 0.99)] / 1e6;
    final String cpu = PIDS.isEmpty() || total == 0 ? "-" : String.format("%.1f", cpuTicks * 10_000.0 / total);
    return String.format("%.0f %.3f %.3f %d %s", total / (double) seconds, p50, p99, errors.get(), cpu);
  }

  /** User + system CPU ticks (1/100 s) of the server processes named by -Dpids=PID,PID (0 when none). */
  private static long serverTicks() {
    long ticks = 0;
    for (final String pid : PIDS) {
      try {
        final String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
        final String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return ticks;
  }

  /** Calls {@code caller} again each time it answers (from its callback), until {@code end}. */
  private static void loop(Caller caller, Record record, long end, AtomicLong errors, CountDownLatch done) {
    final long start = System.nanoTime();
    if (start >= end || record.count == record.nanos.length) {
      done.countDown();
      return;
    }
    try {
      caller.call(ok -> {
        record.nanos[record.count++] = System.nanoTime() - start;
        if (ok) {
          loop(caller, record, end, errors, done);
        } else {
          // a failure may complete at once, inside call(): go on from another thread, a moment later
          errors.incrementAndGet();
          RETRY.schedule(() -> loop(caller, record, end, errors, done), 1, TimeUnit.MILLISECONDS);
        }
      });
    } catch (RuntimeException e) {
      errors.incrementAndGet();
      done.countDown();
    }
  }

  /** A REST caller: its own HTTP/1.1 keep-alive connection (a pool of one) on the load generator's event loops. */
  private static Caller rest(Vertx vertx, String address, String namespace, String deployment) {
    final String[] hp = address.split(":");
    final HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
        .setDefaultHost(hp[0]).setDefaultPort(Integer.parseInt(hp[1])), new PoolOptions().setHttp1MaxSize(1));
    final String path = (namespace.equals("-") ? "" : "/seldon/" + namespace + "/" + deployment)
        + "/api/v1.0/predictions";
    final Buffer body = Buffer.buffer(BODY);
    // no answer for 30 s fails the request (and the round goes on)
    final RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI(path)
        .setIdleTimeout(30_000);
    return done -> http.request(options)
        .compose(req -> req.putHeader("Content-Type", "application/json").send(body))
        .compose(res -> res.body().map(b -> res.statusCode() == 200))
        .onComplete(r -> done.accept(r.succeeded() && r.result()));
  }

  private static Caller grpc(EventLoopGroup group, String address, String namespace, String deployment,
      List<ManagedChannel> channels) {
    final String[] hp = address.split(":");
    final ManagedChannel channel = NettyChannelBuilder.forAddress(hp[0], Integer.parseInt(hp[1])).usePlaintext()
        .eventLoopGroup(group).channelType(NioSocketChannel.class).directExecutor().build();
    channels.add(channel);
    final Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("seldon", Metadata.ASCII_STRING_MARSHALLER), deployment);
    headers.put(Metadata.Key.of("namespace", Metadata.ASCII_STRING_MARSHALLER), namespace);
    final io.grpc.Channel ch = namespace.equals("-") ? channel
        : ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    final MethodDescriptor<SeldonMessage, SeldonMessage> method = MethodDescriptor.<SeldonMessage, SeldonMessage>
        newBuilder().setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(namespace.equals("-") ? "seldon.protos.Model/Predict" : "seldon.protos.Seldon/Predict")
        .setRequestMarshaller(ProtoUtils.marshaller(SeldonMessage.getDefaultInstance()))
        .setResponseMarshaller(ProtoUtils.marshaller(SeldonMessage.getDefaultInstance())).build();
    final SeldonMessage message = SeldonProtoJson.message(BODY.getBytes(StandardCharsets.UTF_8));
    return done -> ClientCalls.asyncUnaryCall(ch.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(30,
        TimeUnit.SECONDS)), message, new StreamObserver<SeldonMessage>() {
          private boolean ok;

          @Override
          public void onNext(SeldonMessage value) {
            ok = value.hasData();
          }

          @Override
          public void onError(Throwable t) {
            done.accept(false);
          }

          @Override
          public void onCompleted() {
            done.accept(ok);
          }
        });
  }
}
