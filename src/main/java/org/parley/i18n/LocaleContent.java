package org.parley.i18n;

import org.parley.dialog.ContentException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything one language contributes, read from {@code locales/<language>/}: the wording
 * ({@code messages.yaml}), intent training phrases ({@code intents.yaml}) and whole-message
 * keywords ({@code keywords.yaml}). A feature may keep its own part beside them, named
 * {@code <feature>.messages.yaml}, {@code <feature>.intents.yaml} or
 * {@code <feature>.keywords.yaml}; a key defined in two files is an error. Each entry remembers
 * its file and line.
 */
public record LocaleContent(String language, Map<String, Entry> messages,
                            Map<String, List<Entry>> intents, Map<String, List<Entry>> keywords,
                            Path folder) {

    /** One text and where it was written. */
    public record Entry(String text, String file, int line) {
        public String where() {
            return file + ":" + line;
        }
    }

    public LocaleContent {
        messages = Map.copyOf(messages);
        intents = Map.copyOf(intents);
        keywords = Map.copyOf(keywords);
    }

    /** Reads every language folder under {@code dir}, keyed by language tag, sorted. */
    public static Map<String, LocaleContent> loadAll(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ContentException(dir + ": the locales folder does not exist; run Parley from "
                    + "the project folder or set PARLEY_LOCALES_DIR");
        }
        Map<String, LocaleContent> all = new TreeMap<>();
        try (Stream<Path> folders = Files.list(dir)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                String language = folder.getFileName().toString();
                all.put(language, load(language, folder));
            }
        } catch (IOException e) {
            throw new ContentException(dir + ": cannot be read: " + e.getMessage());
        }
        if (all.isEmpty()) {
            throw new ContentException(dir + ": no language folders; add locales/en/messages.yaml");
        }
        return all;
    }

    static LocaleContent load(String language, Path folder) {
        Map<String, Entry> messages = new LinkedHashMap<>();
        for (Path messageFile : parts(folder, "messages")) {
            Node root = compose(messageFile, true);
            for (NodeTuple t : mapping(root, messageFile).getValue()) {
                String key = scalar(t.getKeyNode(), messageFile);
                Entry earlier = messages.put(key, entry(t.getValueNode(), messageFile));
                if (earlier != null) {
                    // YAML would quietly keep the last one; an author means one of them.
                    throw fail(messageFile, t.getKeyNode(), "'" + key + "' is defined twice "
                            + "(also at " + (earlier.file().equals(messageFile.toString())
                            ? "line " + earlier.line() : earlier.where()) + "); keep one");
                }
            }
        }
        return new LocaleContent(language, messages, lists(parts(folder, "intents")),
                lists(parts(folder, "keywords")), folder);
    }

    /** {@code <kind>.yaml} first, then every {@code <feature>.<kind>.yaml}, by name. */
    private static List<Path> parts(Path folder, String kind) {
        List<Path> files = new ArrayList<>();
        files.add(folder.resolve(kind + ".yaml"));
        try (Stream<Path> all = Files.list(folder)) {
            all.filter(f -> f.getFileName().toString().endsWith("." + kind + ".yaml"))
                    .sorted().forEach(files::add);
        } catch (IOException e) {
            throw new ContentException(folder + ": cannot be read: " + e.getMessage());
        }
        return files;
    }

    private static Map<String, List<Entry>> lists(List<Path> files) {
        Map<String, List<Entry>> lists = new LinkedHashMap<>();
        Map<String, String> where = new java.util.HashMap<>();
        for (Path file : files) {
            Node root = compose(file, false);
            if (root == null) {
                continue;
            }
            for (NodeTuple t : mapping(root, file).getValue()) {
                String name = scalar(t.getKeyNode(), file);
                List<Entry> items = new ArrayList<>();
                if (t.getValueNode() instanceof SequenceNode seq) {
                    seq.getValue().forEach(n -> items.add(entry(n, file)));
                } else if (t.getValueNode() instanceof ScalarNode s && !s.getValue().isBlank()) {
                    throw fail(file, s, "'" + name + "' must be a list, such as [one, two]");
                }
                String here = file + ":" + (t.getKeyNode().getStartMark().getLine() + 1);
                String earlier = where.put(name, here);
                if (earlier != null) {
                    throw fail(file, t.getKeyNode(), "'" + name + "' is defined twice (also at "
                            + earlier + "); keep one");
                }
                lists.put(name, items);
            }
        }
        return lists;
    }

    private static Node compose(Path file, boolean required) {
        if (!Files.exists(file)) {
            if (required) {
                throw new ContentException(file + ": missing; every language folder needs one");
            }
            return null;
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Yaml(new LoaderOptions()).compose(in);
        } catch (IOException | RuntimeException e) {
            throw new ContentException(file + ": not valid YAML: " + e.getMessage());
        }
    }

    private static MappingNode mapping(Node node, Path file) {
        if (node instanceof MappingNode map) {
            return map;
        }
        throw fail(file, node, "expected 'key: value' lines");
    }

    private static Entry entry(Node node, Path file) {
        return new Entry(scalar(node, file), file.toString(), node.getStartMark().getLine() + 1);
    }

    private static String scalar(Node node, Path file) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw fail(file, node, "expected a single text value");
    }

    private static ContentException fail(Path file, Node node, String message) {
        int line = node == null ? 1 : node.getStartMark().getLine() + 1;
        return new ContentException(file + ":" + line + ": " + message);
    }
}
