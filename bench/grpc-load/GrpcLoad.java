import dev.slipway.protocol.grpc.SeldonProtoJson;
import dev.slipway.protocol.grpc.seldon.SeldonMessage;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small closed-loop load generator for Seldon predictions through a gateway, over REST (JDK HttpClient, HTTP/1.1
 * keep-alive, one connection per caller) or gRPC (grpc-java, Seldon/Predict with Ambassador's metadata, one channel
 * per caller): CONNECTIONS callers each send the next request when the last one answered, for SECONDS.
 * Prints "REQ_PER_S P50_MS P99_MS ERRORS".
 *
 * Usage: java -cp 'slipway-cli/target/lib/*' bench/grpc-load/GrpcLoad.java rest|grpc HOST:PORT NAMESPACE DEPLOYMENT
 *     CONNECTIONS SECONDS
 */
public final class GrpcLoad {

  private static final String BODY = "{\"data\":{\"ndarray\":[[1.0, 2.0, 3.0, 4.0]]}}";

  interface Caller {
    boolean call() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    final String mode = args[0];
    final String address = args[1];
    final String namespace = args[2];
    final String deployment = args[3];
    final int connections = Integer.parseInt(args[4]);
    final long seconds = Long.parseLong(args[5]);
    final List<ManagedChannel> channels = new ArrayList<>();
    final List<Caller> callers = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      callers.add(mode.equals("grpc") ? grpc(address, namespace, deployment, channels) : rest(address, namespace,
          deployment));
    }
    final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    final AtomicLong errors = new AtomicLong();
    final List<long[]> latencies = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();
    for (final Caller c : callers) {
      final long[] lat = new long[200_000];
      final int[] n = {0};
      latencies.add(lat);
      final Thread t = new Thread(() -> {
        while (System.nanoTime() < end && n[0] < lat.length) {
          final long start = System.nanoTime();
          try {
            if (!c.call()) {
              errors.incrementAndGet();
            }
          } catch (Exception e) {
            errors.incrementAndGet();
          }
          lat[n[0]++] = System.nanoTime() - start;
        }
        lat[lat.length - 1] = n[0]; // the count, kept in the last slot
      });
      threads.add(t);
      t.start();
    }
    for (final Thread t : threads) {
      t.join();
    }
    int total = 0;
    for (final long[] lat : latencies) {
      total += (int) lat[lat.length - 1];
    }
    final long[] all = new long[total];
    int k = 0;
    for (final long[] lat : latencies) {
      final int count = (int) lat[lat.length - 1];
      System.arraycopy(lat, 0, all, k, count);
      k += count;
    }
    Arrays.sort(all);
    final double p50 = all.length == 0 ? 0 : all[all.length / 2] / 1e6;
    final double p99 = all.length == 0 ? 0 : all[(int) (all.length * 0.99)] / 1e6;
    System.out.printf("%.0f %.3f %.3f %d%n", total / (double) seconds, p50, p99, errors.get());
    channels.forEach(ManagedChannel::shutdownNow);
  }

  private static Caller rest(String address, String namespace, String deployment) {
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address + "/seldon/" + namespace + "/"
        + deployment + "/api/v1.0/predictions")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
    return () -> http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode() == 200;
  }

  private static Caller grpc(String address, String namespace, String deployment, List<ManagedChannel> channels) {
    final String[] hp = address.split(":");
    final ManagedChannel channel = NettyChannelBuilder.forAddress(hp[0], Integer.parseInt(hp[1])).usePlaintext()
        .build();
    channels.add(channel);
    final Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("seldon", Metadata.ASCII_STRING_MARSHALLER), deployment);
    headers.put(Metadata.Key.of("namespace", Metadata.ASCII_STRING_MARSHALLER), namespace);
    final io.grpc.Channel ch = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    final MethodDescriptor<SeldonMessage, SeldonMessage> method = MethodDescriptor.<SeldonMessage, SeldonMessage>
        newBuilder().setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("seldon.protos.Seldon/Predict")
        .setRequestMarshaller(ProtoUtils.marshaller(SeldonMessage.getDefaultInstance()))
        .setResponseMarshaller(ProtoUtils.marshaller(SeldonMessage.getDefaultInstance())).build();
    final SeldonMessage message = SeldonProtoJson.message(BODY.getBytes(StandardCharsets.UTF_8));
    return () -> ClientCalls.blockingUnaryCall(ch, method, CallOptions.DEFAULT.withDeadlineAfter(30,
        TimeUnit.SECONDS), message).hasData();
  }
}
