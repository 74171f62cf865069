package dev.mcpgw.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.launcher.GatewayConfig;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the docs point at exists: every relative link and anchor, every quoted file, and the test command CI runs. */
class DocLinksTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final DocBlocks DOCS = DocBlocks.ofRepository();

    @Test
    void shouldResolveEveryRelativeLinkToAFileAndEveryAnchorToAHeading() {
        List<String> broken = new ArrayList<>();
        for (Path page : DOCS.pages()) {
            List<String> lines = DocBlocks.read(page);
            boolean inCode = false;
            for (int n = 0; n < lines.size(); n++) {
                if (lines.get(n).strip().startsWith("```")) {
                    inCode = !inCode;
                    continue;
                }
                if (inCode) {
                    continue;
                }
                Matcher link = LINK.matcher(lines.get(n).replaceAll("`[^`]*`", ""));
                while (link.find()) {
                    String problem = problem(page, link.group(1));
                    if (problem != null) {
                        broken.add(DOCS.root().relativize(page) + ":" + (n + 1) + ": " + link.group(1) + ": " + problem);
                    }
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void shouldQuoteTheStarterFilesAsTheyAre() throws IOException {
        int quotes = 0;
        for (DocBlocks.Block block : DOCS.blocks()) {
            String path = block.option("quote");
            if (path == null) {
                continue;
            }
            quotes++;
            String file = Files.readString(DOCS.root().resolve(path));
            assertThat(file).as("%s quotes %s", block.where(), path).contains(String.join("\n", block.lines()) + "\n");
        }
        assertThat(quotes).as("blocks quoting a file").isPositive();
    }

    @Test
    void shouldRunInCiExactlyTheTestCommandTheReadmeGives() throws IOException {
        String ci = Files.readString(DOCS.root().resolve(".ci/run"));
        List<String> ciCommands = ci.lines().filter(line -> line.startsWith("mvn ")).toList();
        String readmeCommand = DocBlocks.blocks(DOCS.root().resolve("README.md")).stream()
                .flatMap(block -> block.lines().stream())
                .filter(line -> line.startsWith("$ mvn "))
                .map(line -> line.substring(2)).findFirst().orElseThrow();
        assertThat(ciCommands).containsExactly(readmeCommand);
    }

    @Test
    void shouldListEveryMetricTheCodeRegistersOnTheOperationsPage() throws IOException {
        String operations = Files.readString(DOCS.root().resolve("docs/operations.md"));
        Set<String> meters = names(Pattern.compile("(?:builder|gauge)\\(\"(mcpgw(?:\\.[a-z]+)+)\""), ".java");
        assertThat(meters).as("meters registered in the code").isNotEmpty();
        // Micrometer writes mcpgw.decisions as mcpgw_decisions_total, mcpgw.decision.wait as mcpgw_decision_wait_seconds
        assertThat(meters).as("meters missing from docs/operations.md").filteredOn(meter -> !operations.contains("`" + meter.replace('.', '_'))).isEmpty();
    }

    @Test
    void shouldListEveryTopicTheGatewayCreatesInTheArchitecturePage() throws IOException {
        String architecture = Files.readString(DOCS.root().resolve("docs/architecture.md"));
        Set<String> topics = names(Pattern.compile("\"(gateway\\.[a-z-]+)\""), "/Topics.java");
        assertThat(topics).as("topics named in the code").contains("gateway.propose");
        assertThat(topics).as("topics missing from docs/architecture.md").filteredOn(topic -> !architecture.contains("`" + topic + "`")).isEmpty();
    }

    @Test
    void shouldListEveryConfigKeyOnTheConfigurationPage() throws IOException {
        String configuration = Files.readString(DOCS.root().resolve("docs/configuration.md"));
        List<String> keys = new ArrayList<>();
        configKeys("", GatewayConfig.class, keys);
        assertThat(keys).as("config keys").contains("listen", "agents[].apiKey", "mcpServers.NAME.onChange");
        assertThat(keys).as("config keys missing from the table in docs/configuration.md")
                .filteredOn(key -> !configuration.contains("| `" + key + "` |")).isEmpty();
    }

    /** Each key of the config as written: records are sections, lists of records {@code []}, maps of records {@code .NAME}. */
    private static void configKeys(String prefix, Class<?> type, List<String> keys) {
        for (RecordComponent component : type.getRecordComponents()) {
            String key = prefix + component.getName();
            Class<?> element = component.getType();
            String suffix = "";
            if (component.getGenericType() instanceof ParameterizedType generic && (List.class.equals(element) || Map.class.equals(element))) {
                Type[] arguments = generic.getActualTypeArguments();
                element = (Class<?>) arguments[arguments.length - 1];
                suffix = List.class.equals(component.getType()) ? "[]" : ".NAME";
            }
            if (element.isRecord()) {
                configKeys(key + suffix + ".", element, keys);
            } else {
                keys.add(key);
            }
        }
    }

    /** The first group of {@code pattern} in the main Java sources of every module whose path ends with {@code fileName}. */
    private static Set<String> names(Pattern pattern, String fileName) throws IOException {
        Set<String> names = new TreeSet<>();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(DOCS.root())) {
            for (Path module : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(module)) {
                    files.filter(f -> f.toString().endsWith(fileName)).forEach(sources::add);
                }
            }
        }
        for (Path file : sources) {
            Matcher name = pattern.matcher(Files.readString(file));
            while (name.find()) {
                names.add(name.group(1));
            }
        }
        return names;
    }

    private static String problem(Path page, String target) {
        if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
            return null;
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (hash < 0) {
            return null;
        }
        if (!resolved.toString().endsWith(".md")) {
            return "an anchor into a file that is not Markdown";
        }
        return anchors(resolved).contains(target.substring(hash + 1)) ? null : "no such heading";
    }

    /** GitHub's heading ids: lower case, punctuation but '-' and '_' dropped, spaces to '-', repeats numbered. */
    static Set<String> anchors(Path page) {
        Set<String> anchors = new LinkedHashSet<>();
        boolean inCode = false;
        for (String line : DocBlocks.read(page)) {
            if (line.strip().startsWith("```")) {
                inCode = !inCode;
            }
            if (inCode || !line.matches("^#{1,6} .*")) {
                continue;
            }
            String slug = line.replaceFirst("^#+ ", "").strip().toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            String unique = slug;
            for (int i = 1; anchors.contains(unique); i++) {
                unique = slug + "-" + i;
            }
            anchors.add(unique);
        }
        return anchors;
    }
}
