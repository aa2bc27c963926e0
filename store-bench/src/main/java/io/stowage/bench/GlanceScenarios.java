package io.stowage.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code stowage serve} against the real Glance ({@link GlanceApi}: Debian's {@code glance-api},
 * Glance 25, file store, no Keystone) on the same machine and disk, the same client for both
 * (curl for data, one keep-alive Apache HttpClient 5 for the JSON calls):
 *
 * <ul>
 *   <li>upload ({@code curl -T}) with both services' defaults, and with the same hashes (the
 *       service at {@code hash: sha512}, Glance's MD5 {@code checksum} + SHA-512 {@code os_hash});
 *       each upload's image is created before and checked and deleted after, untimed;</li>
 *   <li>the CPU time each server used for those uploads (its processes, from {@code /proc}): on a
 *       loaded machine wall time measures who got the cores, CPU time what the work cost;</li>
 *   <li>download ({@code curl -o /dev/null}); listing every one of {@code --images} images 25 a
 *       page, shows of one image, and creates, each as operations per second, after both
 *       registries were filled to {@code --images} images (untimed, which also warms both).</li>
 * </ul>
 *
 * Hashes matter only to uploads: the other comparisons use the defaults node. When
 * {@code glance-api} is not installed the rows say so (verdict "not run") instead of vanishing.
 */
final class GlanceScenarios implements Scenario {
    private static final int PAGE = 25;
    private static final String NOT_INSTALLED = "not run: glance-api is not installed (Debian package glance-api)";

    @Override
    public BenchOptions.Group group() {
        return BenchOptions.Group.GLANCE;
    }

    @Override
    public List<Row> run(BenchContext context) throws Exception {
        long size = context.workspace().size();
        int images = context.options().images();
        List<String> names = names(size, images);
        if (GlanceApi.binary().isEmpty()) {
            return notRun(size, images);
        }
        Path source = context.workspace().source();
        Path launcher = CliStartScenario.launcher(context.options());
        Path base = context.workspace().dir("glance");
        String md5 = ImageApiCalls.md5Of(source);
        Path defaultsConfig = nodeConfig(base, "defaults", "");
        Path sameConfig = nodeConfig(base, "sha512", "  hash: sha512\n");
        try (GlanceApi glance = GlanceApi.start(Files.createDirectories(base.resolve("glance")));
                ServeNode defaults = ServeNode.start(launcher, defaultsConfig, ServiceScenarios.portOf(defaultsConfig), "defaults");
                ServeNode same = ServeNode.start(launcher, sameConfig, ServiceScenarios.portOf(sameConfig), "sha512");
                ImageApiCalls theirs = new ImageApiCalls(glance.url(), 4);
                ImageApiCalls ours = new ImageApiCalls(defaults.url(), 4);
                ImageApiCalls oursSha512 = new ImageApiCalls(same.url(), 4)) {
            // the registries filled first (untimed): every timed call meets --images images and warm servers
            topUp(ours, images - 1);
            topUp(theirs, images - 1);
            String ourShown = ours.create("bench-show");
            String theirShown = theirs.create("bench-show");
            Rounds list = context.rounds("glance list", List.of(
                    Contender.timed("stowage serve", () -> listAll(ours, images)),
                    Contender.timed("glance", () -> listAll(theirs, images))));
            int creates = Math.max(1, Math.min(100, images / 20));
            int shows = 2 * creates;
            Rounds show = context.rounds("glance show", List.of(
                    Contender.timed("stowage serve", () -> show(ours, ourShown, shows)),
                    Contender.timed("glance", () -> show(theirs, theirShown, shows))));
            Rounds create = context.rounds("glance create", List.of(
                    Contender.timed("stowage serve", () -> create(ours, creates)),
                    Contender.timed("glance", () -> create(theirs, creates))));
            UploadCpu cpu = new UploadCpu(base, source, size, md5);
            Rounds upload = context.rounds("glance upload", List.of(
                    cpu.contender("stowage serve", ours, defaults.pid()),
                    cpu.contender("stowage serve sha512", oursSha512, same.pid()),
                    cpu.contender("glance", theirs, glance.pid())));
            int warmups = context.options().warmups();
            String ourData = uploaded(ours, base, source, size, md5);
            String theirData = uploaded(theirs, base, source, size, md5);
            Rounds download = context.quickRounds("glance download", List.of(
                    Contender.of("stowage serve", () -> Curl.download(base, ours.fileUrl(ourData), size)),
                    Contender.of("glance", () -> Curl.download(base, theirs.fileUrl(theirData), size))));
            ours.delete(ourData);
            theirs.delete(theirData);
            String label = "Glance 25";
            return List.of(
                    Comparison.row(names.get(0), upload, "stowage serve", "glance", label + " (md5 + sha512)", Unit.BYTES,
                            Target.atLeast(3.5)),
                    Comparison.row(names.get(1), upload, "stowage serve sha512", "glance", label + " (md5 + sha512)",
                            Unit.BYTES, Target.atLeast(3.5)),
                    Comparison.row(names.get(2), cpu.measured("stowage serve", warmups), cpu.measured("glance", warmups),
                            label + " (md5 + sha512)", Unit.BYTES_PER_CPU_SECOND, Target.NONE),
                    Comparison.row(names.get(3), cpu.measured("stowage serve sha512", warmups),
                            cpu.measured("glance", warmups), label + " (md5 + sha512)", Unit.BYTES_PER_CPU_SECOND,
                            Target.NONE),
                    Comparison.row(names.get(4), download, "stowage serve", "glance", label, Unit.BYTES, Target.atLeast(1.0)),
                    Comparison.row(names.get(5), create, "stowage serve", "glance", label, Unit.OPERATIONS, Target.atLeast(10)),
                    Comparison.row(names.get(6), show, "stowage serve", "glance", label, Unit.OPERATIONS, Target.atLeast(10)),
                    Comparison.row(names.get(7), list, "stowage serve", "glance", label, Unit.OPERATIONS, Target.atLeast(10)));
        }
    }

    /** The rows of a run without Glance: every comparison named, none measured, the reason in the baseline's column. */
    static List<Row> notRun(long size, int images) {
        return names(size, images).stream().map(name -> new Row(name, "–", NOT_INSTALLED, "–", "–", "–", Row.Verdict.NOT_RUN))
                .toList();
    }

    /** The scenario names, the same whether Glance ran or not. */
    private static List<String> names(long size, int images) {
        String sized = " (" + Sizes.format(size) + ")";
        return List.of(
                "glance: upload" + sized + ", both defaults",
                "glance: upload" + sized + ", same hashes (md5 + sha512)",
                "glance: upload" + sized + ", CPU of the server, both defaults",
                "glance: upload" + sized + ", CPU of the server, same hashes",
                "glance: download" + sized,
                "glance: create, images per second",
                "glance: show, calls per second",
                String.format(Locale.ROOT, "glance: list %,d images %d a page, images per second", images, PAGE));
    }

    /**
     * Upload contenders that also note the CPU time their server used during the {@code curl -T}
     * (the server's process and its children), one sample per round beside the wall-time sample.
     */
    private static final class UploadCpu {
        private final CpuSamples samples = new CpuSamples();
        private final Path cwd;
        private final Path source;
        private final long size;
        private final String md5;

        UploadCpu(Path cwd, Path source, long size, String md5) {
            this.cwd = cwd;
            this.source = source;
            this.size = size;
            this.md5 = md5;
        }

        Contender contender(String name, ImageApiCalls api, long serverPid) {
            return Contender.of(name, () -> {
                String id = api.create("bench-upload");
                Sample sample = samples.noted(name, serverPid, size, () -> Curl.upload(cwd, source, api.fileUrl(id), size));
                ServiceScenarios.checkUploadAndDelete(api, id, size, md5);
                return sample;
            });
        }

        /** The CPU samples of the measured rounds (the warm-ups' left out). */
        List<Sample> measured(String name, int warmups) {
            return samples.measured(name, warmups);
        }
    }

    private static Path nodeConfig(Path base, String name, String extra) throws java.io.IOException {
        Path dir = Files.createDirectories(base.resolve(name));
        return Files.writeString(dir.resolve(name + ".yaml"), ServiceScenarios.config(Files.createDirectories(
                dir.resolve("store")), dir.resolve("registry"), Ports.free(), extra));
    }

    private static long create(ImageApiCalls api, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            api.create("bench-create");
        }
        return count;
    }

    /** Creates images until the service holds {@code images} (untimed). */
    private static void topUp(ImageApiCalls api, int images) throws Exception {
        int held = api.listAll(1000);
        if (held > images) {
            throw new IllegalStateException("the service holds " + held + " images, more than the " + images
                    + " to list: raise --images");
        }
        create(api, images - held);
    }

    private static long show(ImageApiCalls api, String id, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            if (!id.equals(api.show(id).path("id").asText())) {
                throw new IllegalStateException("show of image " + id + " answered another image");
            }
        }
        return count;
    }

    private static long listAll(ImageApiCalls api, int expected) throws Exception {
        return Drain.check("list", api.listAll(PAGE), expected);
    }

    /** An image holding the source, uploaded untimed, for the download rounds. */
    private static String uploaded(ImageApiCalls api, Path cwd, Path source, long size, String md5) throws Exception {
        String id = api.create("bench-download");
        Curl.upload(cwd, source, api.fileUrl(id), size);
        if (!md5.equals(api.show(id).path("checksum").asText()) || !md5.equals(api.downloadMd5(id, size))) {
            throw new IllegalStateException("image " + id + " does not hold the uploaded file");
        }
        return id;
    }
}
