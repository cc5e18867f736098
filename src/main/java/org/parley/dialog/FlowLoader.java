package org.parley.dialog;

import org.parley.dialog.Step.Say;
import org.parley.dialog.Step.Transition;
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
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads every flow in a {@code dialogs/} folder, keeping line numbers so that a content author
 * is told exactly where a problem is.
 */
public final class FlowLoader {

    private FlowLoader() {
    }

    /** Loads every {@code *.yaml} file in {@code dir}; a malformed file throws with its line. */
    public static Map<String, Flow> load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ContentException(dir + ": the dialogs folder does not exist; run Parley from "
                    + "the project folder or set PARLEY_DIALOGS_DIR");
        }
        Map<String, Flow> flows = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                Flow flow = read(file);
                Flow clash = flows.put(flow.name(), flow);
                if (clash != null) {
                    throw new ContentException(file + ":1: flow '" + flow.name()
                            + "' is also defined in " + clash.file());
                }
            }
        } catch (IOException e) {
            throw new ContentException(dir + ": cannot be read: " + e.getMessage());
        }
        return flows;
    }

    static Flow read(Path file) {
        Node root;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new LoaderOptions()).compose(in);
        } catch (IOException | RuntimeException e) {
            throw new ContentException(file + ": not valid YAML: " + e.getMessage());
        }
        Where where = new Where(file.toString());
        MappingNode top = where.mapping(root, "the file");
        Map<String, Node> fields = where.fields(top);
        String name = where.text(fields.get("flow"), top, "flow");
        String start = where.text(fields.get("start"), top, "start");
        Optional<String> requires = Optional.ofNullable(fields.get("requires"))
                .map(n -> where.text(n, top, "requires"));

        Map<String, Step> steps = new LinkedHashMap<>();
        MappingNode stepNodes = where.mapping(fields.get("steps"), "steps");
        for (NodeTuple tuple : stepNodes.getValue()) {
            String stepName = where.text(tuple.getKeyNode(), stepNodes, "step name");
            steps.put(stepName, step(where, stepName, tuple.getValueNode()));
        }
        // A flow that Java code leads to, such as the answer to a notice, says so.
        Optional<String> enteredBy = Optional.ofNullable(fields.get("entered-by"))
                .map(n -> where.text(n, top, "entered-by"));
        if (enteredBy.isPresent() && !enteredBy.get().equals("notice")) {
            throw new ContentException(file + ":" + (fields.get("entered-by").getStartMark()
                    .getLine() + 1) + ": entered-by must be 'notice' (a flow a notice leads "
                    + "to), was '" + enteredBy.get() + "'");
        }
        return new Flow(name, start, requires, steps, file.toString(), enteredBy);
    }

    private static Step step(Where where, String name, Node node) {
        MappingNode map = where.mapping(node, "step '" + name + "'");
        Map<String, Node> f = where.fields(map);
        List<Say> say = new ArrayList<>();
        Node sayNode = f.get("say");
        if (sayNode instanceof SequenceNode seq) {
            seq.getValue().forEach(item -> say.add(say(where, item)));
        } else if (sayNode != null) {
            say.add(say(where, sayNode));
        }
        Map<String, Transition> on = new LinkedHashMap<>();
        if (f.get("on") != null) {
            MappingNode onMap = where.mapping(f.get("on"), "on");
            for (NodeTuple t : onMap.getValue()) {
                String outcome = where.text(t.getKeyNode(), onMap, "outcome");
                on.put(outcome, transition(where, t.getValueNode()));
            }
        }
        return new Step(name, say, where.list(f.get("options")), where.list(f.get("collect")),
                optional(where, f.get("action")), on, optional(where, f.get("next")),
                optional(where, f.get("reprompt")), map.getStartMark().getLine() + 1);
    }

    private static Say say(Where where, Node node) {
        if (node instanceof MappingNode map) {
            Map<String, Node> f = where.fields(map);
            return new Say(where.text(f.get("key"), map, "key"), optional(where, f.get("each")));
        }
        return new Say(where.text(node, node, "message key"), Optional.empty());
    }

    private static Transition transition(Where where, Node node) {
        if (node instanceof MappingNode map) {
            Map<String, Node> f = where.fields(map);
            return new Transition(where.text(f.get("go"), map, "go"),
                    optional(where, f.get("say")));
        }
        return new Transition(where.text(node, node, "target"), Optional.empty());
    }

    private static Optional<String> optional(Where where, Node node) {
        return Optional.ofNullable(node).map(n -> where.text(n, n, "value"));
    }

    /** Reads typed values out of YAML nodes, failing with the file and line. */
    private record Where(String file) {

        MappingNode mapping(Node node, String what) {
            if (node instanceof MappingNode map) {
                return map;
            }
            throw fail(node, what + " must be a mapping of names to values");
        }

        Map<String, Node> fields(MappingNode map) {
            Map<String, Node> fields = new LinkedHashMap<>();
            for (NodeTuple t : map.getValue()) {
                fields.put(text(t.getKeyNode(), map, "key"), t.getValueNode());
            }
            return fields;
        }

        String text(Node node, Node parent, String what) {
            if (node == null) {
                throw fail(parent, "'" + what + "' is missing");
            }
            if (node instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
                return scalar.getValue();
            }
            throw fail(node, "'" + what + "' must be a single word or name");
        }

        List<String> list(Node node) {
            if (node == null) {
                return List.of();
            }
            if (node instanceof SequenceNode seq) {
                return seq.getValue().stream().map(n -> text(n, n, "list item")).toList();
            }
            throw fail(node, "expected a list such as [a, b]");
        }

        ContentException fail(Node node, String message) {
            int line = node == null ? 1 : node.getStartMark().getLine() + 1;
            return new ContentException(file + ":" + line + ": " + message);
        }
    }
}
