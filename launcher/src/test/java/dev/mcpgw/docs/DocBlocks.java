package dev.mcpgw.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The documentation as the doc tests read it: README.md and docs/*.md of the repository, and the
 * fenced blocks in them with their info strings.
 *
 * <p>The convention (docs/writing-docs.md states it for writers):
 * <ul>
 *   <li>{@code ```console checked}: {@code $ } lines are commands ({@code ./gateway ...} or {@code curl ...}),
 *       the lines up to the next {@code $ } line are what the command prints. {@link Expected} says how they are compared.</li>
 *   <li>{@code ```yaml file=NAME} (or json, any language): written to NAME in the examples' working directory
 *       before later blocks run, so a later command can use it.</li>
 *   <li>{@code ```yaml quote=PATH}: must appear, line for line, in PATH (relative to the repository root).</li>
 *   <li>{@code ```console not-checked: REASON}: a command that cannot run in the test; the reason is required.</li>
 * </ul>
 */
record DocBlocks(Path root) {

    /** One fenced block: the file it is in, the line its fence opens on, its info string and its lines. */
    record Block(Path file, int line, String info, List<String> lines) {
        boolean has(String word) {
            return List.of(info.split("\\s+")).contains(word);
        }

        /** The value of {@code key=VALUE} in the info string, or null. */
        String option(String key) {
            for (String word : info.split("\\s+")) {
                if (word.startsWith(key + "=")) {
                    return word.substring(key.length() + 1);
                }
            }
            return null;
        }

        String where() {
            return file.getFileName() + ":" + line;
        }
    }

    static DocBlocks ofRepository() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("README.md")) && Files.isDirectory(dir.resolve(".ci")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root (README.md beside .ci) above " + Path.of("").toAbsolutePath());
        }
        return new DocBlocks(dir);
    }

    /** README.md, then docs/*.md in name order. */
    List<Path> pages() {
        List<Path> pages = new ArrayList<>();
        pages.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    List<Block> blocks() {
        List<Block> blocks = new ArrayList<>();
        for (Path page : pages()) {
            blocks.addAll(blocks(page));
        }
        return blocks;
    }

    static List<Block> blocks(Path page) {
        List<String> lines = read(page);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.stripLeading();
            if (!trimmed.startsWith("```")) {
                continue;
            }
            int indent = line.length() - trimmed.length();
            String info = trimmed.substring(3).strip();
            List<String> body = new ArrayList<>();
            int open = i + 1;
            for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                String content = lines.get(i);
                body.add(content.length() >= indent && content.substring(0, indent).isBlank() ? content.substring(indent) : content.strip());
            }
            blocks.add(new Block(page, open, info, body));
        }
        return blocks;
    }

    static List<String> read(Path page) {
        try {
            return Files.readAllLines(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
