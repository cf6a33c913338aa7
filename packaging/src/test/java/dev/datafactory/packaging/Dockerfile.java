package dev.datafactory.packaging;

import java.util.ArrayList;
import java.util.List;

/** A Dockerfile as its instructions: continuation lines joined, comments (also inside them) dropped. */
record Dockerfile(List<Instruction> instructions) {

    record Instruction(String keyword, String arguments) {
    }

    static Dockerfile parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String rawLine : text.split("\n", -1)) {
            String line = rawLine.strip();
            if (line.startsWith("#") || (line.isEmpty() && pending.length() == 0)) {
                continue;
            }
            boolean continues = line.endsWith("\\");
            pending.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continues) {
                String joined = pending.toString().strip();
                pending.setLength(0);
                if (!joined.isEmpty()) {
                    int space = joined.indexOf(' ');
                    instructions.add(new Instruction(joined.substring(0, space).toUpperCase(java.util.Locale.ROOT),
                            joined.substring(space + 1).strip()));
                }
            }
        }
        return new Dockerfile(List.copyOf(instructions));
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** The instructions of the last stage: what the image that ships is made of. */
    List<Instruction> finalStage() {
        int lastFrom = -1;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                lastFrom = i;
            }
        }
        return instructions.subList(lastFrom, instructions.size());
    }
}
