package dev.slipway.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code s3://bucket/prefix} on any S3-compatible store: every object under the prefix (relative paths
 * kept), or the one object the URI names. The version is a digest of the listing (keys, ETags, sizes),
 * so a re-fetch of an unchanged model costs one listing and no download.
 */
public final class S3Storage implements Storage, AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final S3Client client;

    /** The scheme messages name objects with ({@code s3}, or {@code gs} through Cloud Storage's XML API). */
    private final String scheme;

    /** A client for the endpoint, credentials and region that {@code environment} names (see {@link S3Settings}). */
    public S3Storage(java.util.Map<String, String> environment, StorageOptions options) {
        this(S3Settings.from(environment), options, "s3");
    }

    /**
     * A client of Cloud Storage's S3-compatible XML API ({@code gs://} buckets) with an HMAC key, for uploads: endpoint
     * {@code GCS_S3_ENDPOINT} (default {@code https://storage.googleapis.com}), key {@code GCS_HMAC_ACCESS_KEY_ID} and
     * {@code GCS_HMAC_SECRET} from {@code environment} (see {@link S3Settings#gcsInterop}).
     */
    public static S3Storage gcsInterop(java.util.Map<String, String> environment, StorageOptions options) {
        return new S3Storage(S3Settings.gcsInterop(environment), options, "gs");
    }

    private S3Storage(S3Settings settings, StorageOptions options, String scheme) {
        this.scheme = scheme;
        AwsCredentialsProvider credentials;
        if (settings.anonymous()) {
            credentials = AnonymousCredentialsProvider.create();
        } else if (settings.sessionToken() != null) {
            credentials = StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(settings.accessKey(), settings.secretKey(), settings.sessionToken()));
        } else {
            credentials = StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        }
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(options.connectTimeout())
                        .socketTimeout(options.readTimeout()))
                .credentialsProvider(credentials)
                .region(Region.of(settings.region()))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.apiCallTimeout(options.downloadTimeout()));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        this.client = builder.build();
    }

    @Override
    public Set<String> schemes() {
        return Set.of("s3");
    }

    @Override
    public Fetched fetch(URI uri, String previousVersion, Path staging, Budget budget) throws StorageException {
        BucketPath location = BucketPath.parse(uri, budget.uri());
        List<S3Object> objects = list(location, budget);
        boolean single = objects.size() == 1 && objects.get(0).key().equals(location.prefix());
        long total =
                objects.stream().mapToLong(o -> o.size() == null ? 0 : o.size()).sum();
        budget.checkPlanned(total, objects.size());
        String version = version(objects);
        if (version.equals(previousVersion)) {
            return Fetched.notModified();
        }
        for (S3Object o : objects) {
            String relative = single ? location.fileName() : location.relative(o.key());
            download(location.bucket(), o, SafePaths.resolveInside(staging, relative, budget.uri()), budget);
        }
        return new Fetched(version, single);
    }

    private List<S3Object> list(BucketPath location, Budget budget) throws StorageException {
        List<S3Object> exact = new ArrayList<>();
        List<S3Object> under = new ArrayList<>();
        try {
            ListObjectsV2Request request = ListObjectsV2Request.builder()
                    .bucket(location.bucket())
                    .prefix(location.prefix().isEmpty() ? null : location.prefix())
                    .build();
            for (ListObjectsV2Response page : client.listObjectsV2Paginator(request)) {
                budget.checkDeadline();
                for (S3Object o : page.contents()) {
                    if (o.key().equals(location.prefix())) {
                        exact.add(o);
                    } else if (location.contains(o.key()) && !o.key().endsWith("/")) {
                        under.add(o);
                        budget.checkPlanned(0, under.size());
                    }
                }
            }
        } catch (SdkException e) {
            throw translate(e, budget.uri(), "bucket '" + location.bucket() + "'");
        }
        List<S3Object> chosen = under.isEmpty() ? exact : under;
        if (chosen.isEmpty()) {
            throw new StorageException(
                    StorageException.Reason.NOT_FOUND,
                    "model URI '" + budget.uri() + "': no object found in bucket '" + location.bucket() + "' under '"
                            + location.prefix() + "'");
        }
        chosen.sort(Comparator.comparing(S3Object::key));
        return chosen;
    }

    private void download(String bucket, S3Object o, Path file, Budget budget) throws StorageException {
        budget.addFile();
        long got = 0;
        try {
            Files.createDirectories(file.getParent());
            try (ResponseInputStream<GetObjectResponse> in =
                            client.getObject(b -> b.bucket(bucket).key(o.key()));
                    OutputStream out = Files.newOutputStream(file)) {
                got = copy(in, out, budget);
            }
        } catch (SdkException e) {
            throw translate(e, budget.uri(), "object '" + o.key() + "'");
        } catch (IOException e) {
            throw new StorageException(
                    StorageException.Reason.INCOMPLETE,
                    "model URI '" + budget.uri() + "': download of object '" + o.key() + "' broke: " + e.getMessage(),
                    e);
        }
        if (o.size() != null && got != o.size()) {
            throw new StorageException(
                    StorageException.Reason.INCOMPLETE,
                    "model URI '" + budget.uri() + "': incomplete download of object '" + o.key() + "': got " + got
                            + " of " + o.size() + " bytes");
        }
    }

    private static long copy(InputStream in, OutputStream out, Budget budget) throws IOException, StorageException {
        byte[] buf = new byte[BUFFER];
        long got = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            budget.addBytes(n);
            out.write(buf, 0, n);
            got += n;
        }
        return got;
    }

    private static String version(List<S3Object> objects) {
        MessageDigest sha = HttpTransport.sha256();
        for (S3Object o : objects) {
            sha.update((o.key() + "\t" + o.eTag() + "\t" + o.size() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return "s3:" + HttpTransport.hex(sha.digest());
    }

    static StorageException translate(SdkException e, String modelUri, String what) {
        if (e instanceof S3Exception s3) {
            String code =
                    s3.awsErrorDetails() == null ? "" : s3.awsErrorDetails().errorCode();
            int status = s3.statusCode();
            if (status == 404 || "NoSuchKey".equals(code) || "NoSuchBucket".equals(code)) {
                return new StorageException(
                        StorageException.Reason.NOT_FOUND,
                        "model URI '" + modelUri + "': " + what + " not found (" + code + ")",
                        e);
            }
            if (status == 401 || status == 403) {
                return new StorageException(
                        StorageException.Reason.DENIED,
                        "model URI '" + modelUri + "': access to " + what + " denied (" + code
                                + "; check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)",
                        e);
            }
            return new StorageException(
                    "model URI '" + modelUri + "': S3 error on " + what + ": HTTP " + status + " " + code, e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof SocketTimeoutException) {
                return new StorageException(
                        StorageException.Reason.UNREACHABLE,
                        "model URI '" + modelUri + "': S3 endpoint is unreachable ("
                                + t.getClass().getSimpleName() + ": " + t.getMessage() + ")",
                        e);
            }
        }
        if (e instanceof SdkClientException) {
            return new StorageException(
                    StorageException.Reason.UNREACHABLE,
                    "model URI '" + modelUri + "': S3 request failed: " + e.getMessage(),
                    e);
        }
        return new StorageException("model URI '" + modelUri + "': S3 request failed: " + e.getMessage(), e);
    }

    /**
     * Uploads every file under {@code source} (a file or a folder) to {@code s3://BUCKET/PREFIX/RELATIVE}, skipping
     * objects that already exist with the same size (content-addressed destinations never change). Used to publish
     * pinned models to an environment's store.
     *
     * @throws java.io.IOException naming the object that could not be written
     */
    public void upload(String bucket, String prefix, Path source) throws java.io.IOException {
        final List<Path> files = new ArrayList<>();
        if (java.nio.file.Files.isRegularFile(source)) {
            files.add(source);
        } else {
            try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(source)) {
                walk.filter(java.nio.file.Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        for (final Path f : files) {
            final String relative = java.nio.file.Files.isRegularFile(source)
                    ? f.getFileName().toString()
                    : source.relativize(f).toString().replace('\\', '/');
            final String key = (prefix.isEmpty() ? "" : prefix.replaceAll("/+$", "") + "/") + relative;
            final long size = java.nio.file.Files.size(f);
            boolean present;
            try {
                final var head = client.headObject(b -> b.bucket(bucket).key(key));
                present = head.contentLength() != null && head.contentLength() == size;
            } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
                present = false;
                if (e.statusCode() != 404) {
                    throw uploadFailure(scheme + "://" + bucket + "/" + key, e);
                }
            } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
                throw uploadFailure(scheme + "://" + bucket + "/" + key, e);
            }
            if (present) {
                continue;
            }
            try {
                client.putObject(
                        b -> b.bucket(bucket).key(key), software.amazon.awssdk.core.sync.RequestBody.fromFile(f));
            } catch (software.amazon.awssdk.services.s3.model.S3Exception
                    | software.amazon.awssdk.core.exception.SdkClientException e) {
                throw uploadFailure(scheme + "://" + bucket + "/" + key, e);
            }
        }
    }

    /** What an upload failed on: S3's own error message when it answered, else the client's. */
    private static java.io.IOException uploadFailure(
            String object, software.amazon.awssdk.core.exception.SdkException e) {
        final String why = e instanceof software.amazon.awssdk.services.s3.model.S3Exception s3
                ? s3.awsErrorDetails().errorMessage()
                : e.getMessage();
        return new java.io.IOException(object + ": " + why, e);
    }

    @Override
    public void close() {
        client.close();
    }
}
