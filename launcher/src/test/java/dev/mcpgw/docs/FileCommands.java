package dev.mcpgw.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The two file commands a checked example may use to show what tampering does, done in the
 * examples' directory as coreutils and GNU sed would: {@code cp -r SRC DST} (DST new) and
 * {@code sed -i 's/TEXT/TEXT/[g]' FILE}. Both texts are literal, so the example means the same here
 * as in a reader's shell: characters that sed would read as a pattern or a back-reference are refused.
 */
final class FileCommands {
    private static final Pattern SUBSTITUTE = Pattern.compile("s/([^/]*)/([^/]*)/(g?)");
    private static final String SED_SPECIALS = ".[]*^$\\&";

    private FileCommands() {
    }

    static String cp(Path dir, List<String> args) throws IOException {
        if (args.size() != 3 || !args.get(0).equals("-r")) {
            throw new AssertionError("the doc test runs cp -r SRC DST only, not: cp " + String.join(" ", args));
        }
        Path source = dir.resolve(args.get(1));
        Path target = dir.resolve(args.get(2));
        if (Files.exists(target)) {
            throw new AssertionError("cp -r into an existing " + args.get(2) + " would copy into it; name a new directory");
        }
        try (Stream<Path> tree = Files.walk(source)) {
            tree.forEach(path -> copy(path, target.resolve(source.relativize(path))));
        }
        return "";
    }

    static String sed(Path dir, List<String> args) throws IOException {
        Matcher substitute = args.size() == 3 && args.get(0).equals("-i") ? SUBSTITUTE.matcher(args.get(1)) : null;
        if (substitute == null || !substitute.matches()) {
            throw new AssertionError("the doc test runs sed -i 's/TEXT/TEXT/[g]' FILE only, not: sed " + String.join(" ", args));
        }
        String text = substitute.group(1);
        String replacement = substitute.group(2);
        if (text.isEmpty() || (text + replacement).chars().anyMatch(c -> SED_SPECIALS.indexOf(c) >= 0)) {
            throw new AssertionError("sed texts in the docs are literal and not empty, without any of " + SED_SPECIALS + ": " + args.get(1));
        }
        boolean everywhere = substitute.group(3).equals("g");
        Path file = dir.resolve(args.get(2));
        StringBuilder edited = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            edited.append(everywhere ? line.replace(text, replacement) : replaceFirst(line, text, replacement)).append('\n');
        }
        Files.writeString(file, edited);
        return "";
    }

    private static String replaceFirst(String line, String text, String replacement) {
        int at = line.indexOf(text);
        return at < 0 ? line : line.substring(0, at) + replacement + line.substring(at + text.length());
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
