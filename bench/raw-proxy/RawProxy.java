import io.vertx.core.*;
import io.vertx.core.http.*;
import io.vertx.core.buffer.Buffer;

/**
 * A do-nothing HTTP/1.1 proxy (keep-alive pool, body forwarded as bytes, no parsing, no metrics): the
 * ceiling of any gateway on this machine, measured by bench/gateway.sh next to the real gateway.
 * Usage: java -cp "slipway-cli/target/lib/*" bench/raw-proxy/RawProxy.java LISTEN_PORT UPSTREAM_PORT
 */
public class RawProxy {
  public static void main(String[] a) throws Exception {
    int listen = Integer.parseInt(a[0]); int upstream = Integer.parseInt(a[1]);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    vertx.deployVerticle(() -> new VerticleBase() {
      HttpClient client;
      public Future<?> start() {
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(64));
        return vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true)).requestHandler(req ->
          req.body().onSuccess(body -> client.request(HttpMethod.POST, upstream, "127.0.0.1", "/api/v1.0/predictions")
            .compose(r -> { r.putHeader("Content-Type", "application/json"); return r.send(body); })
            .compose(resp -> resp.body())
            .onSuccess(b -> req.response().putHeader("Content-Type", "application/json").end(b))
            .onFailure(e -> req.response().setStatusCode(502).end()))).listen(listen, "127.0.0.1");
      }
    }, new DeploymentOptions().setInstances(2)).await();
    System.out.println("raw proxy on " + listen);
    Thread.currentThread().join();
  }
}
