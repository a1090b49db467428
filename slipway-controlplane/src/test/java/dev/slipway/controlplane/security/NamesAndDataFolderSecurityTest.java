package dev.slipway.controlplane.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controlplane.ApiCalls;
import dev.slipway.controlplane.ControlPlane;
import dev.slipway.controlplane.TestConfigs;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Finding 5 (path traversal through the namespace in the URL) and the 0700 data folder of finding 1. */
class NamesAndDataFolderSecurityTest {

    private static final String MANIFEST = """
      {"apiVersion": "machinelearning.seldon.io/v1", "kind": "SeldonDeployment", "metadata": {"name": "tokens"},
       "spec": {"predictors": [{"name": "p", "graph": {"name": "m", "type": "MODEL", "implementation": "SKLEARN_SERVER",
       "modelUri": "/nonexistent"}}]}}""";

    @TempDir
    Path tmp;

    private ControlPlane plane;
    private Path tokens;

    @BeforeEach
    void start() throws Exception {
        tokens = Files.createDirectories(tmp.resolve("data/auth")).resolve("tokens.json");
        Files.writeString(tokens, "[]");
        Files.setPosixFilePermissions(tmp.resolve("data"), PosixFilePermissions.fromString("rwxr-xr-x"));
        plane = new ControlPlane(TestConfigs.noModelServers(tmp.resolve("data"))).start();
    }

    @AfterEach
    void stop() {
        plane.close();
    }

    private HttpResponse<String> send(String method, String rawPath, String body) throws Exception {
        return ApiCalls.send(plane, method, rawPath, body, null, ApiCalls.JSON_TYPE);
    }

    /** The data folder (tokens, credentials, runs) is made private when the control plane starts. */
    @Test
    void dataFolder_isMadeOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("data"))))
                .isEqualTo("rwx------");
    }

    /** DELETE and PUT with a namespace or name that is not a DNS label: 400, nothing outside the state folder touched. */
    @ParameterizedTest
    @CsvSource({
        "DELETE, /api/v1/namespaces/..%2f..%2fauth/deployments/tokens",
        "DELETE, /api/v1/namespaces/..%2F..%2Fauth/deployments/tokens",
        "PUT, /api/v1/namespaces/..%2f..%2fauth/deployments/tokens",
        "PUT, /api/v1/namespaces/a%2Fb/deployments/tokens",
        "PUT, /api/v1/namespaces/Ab/deployments/tokens",
        "PUT, /api/v1/namespaces/-a/deployments/tokens",
        "GET, /api/v1/namespaces/..%2f..%2fauth/deployments/tokens",
        "DELETE, /api/v1/namespaces/default/deployments/..%2f..%2f..%2fauth%2ftokens"
    })
    void namespaceOrName_notADnsLabel_is400_andNothingIsTouched(String method, String path) throws Exception {
        HttpResponse<String> r = send(method, path, method.equals("PUT") ? MANIFEST : null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("is not a DNS label");
        assertThat(tokens).exists().hasContent("[]");
        try (var files = Files.walk(tmp)) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("tokens.json"))
                            .toList())
                    .containsExactly(tokens);
        }
    }
}
