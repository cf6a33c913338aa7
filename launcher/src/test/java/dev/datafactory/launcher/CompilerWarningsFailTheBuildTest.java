package dev.datafactory.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The root POM's compiler arguments turn any warning into a failed build. */
class CompilerWarningsFailTheBuildTest {

    @TempDir
    Path dir;

    @Test
    void aWarningFailsCompilationWithTheProjectsCompilerArguments() throws Exception {
        List<String> args = compilerArgsOfRootPom();
        assertThat(args).contains("-Xlint:all", "-Werror");

        Path source = dir.resolve("Raw.java");
        Files.writeString(source, "import java.util.*; class Raw { List names = new ArrayList(); }");
        Path clean = dir.resolve("Clean.java");
        Files.writeString(clean, "import java.util.*; class Clean { List<String> names = new ArrayList<>(); }");

        assertThat(compile(args, source)).contains("warnings found and -Werror specified");
        assertThat(compile(args, clean)).isEmpty();
    }

    private String compile(List<String> projectArgs, Path source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(projectArgs);
        args.addAll(List.of("--release", "17", "-cp", dir.toString(), "-d", dir.resolve("out").toString(), source.toString()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = javac.run(null, null, err, args.toArray(String[]::new));
        String output = err.toString(StandardCharsets.UTF_8);
        return rc == 0 ? output : output.isEmpty() ? "failed" : output;
    }

    private static List<String> compilerArgsOfRootPom() throws Exception {
        Path pom = Path.of("..", "pom.xml").toAbsolutePath().normalize();
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        NodeList plugins = doc.getElementsByTagName("plugin");
        List<String> args = new ArrayList<>();
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if ("maven-compiler-plugin".equals(plugin.getElementsByTagName("artifactId").item(0).getTextContent())) {
                NodeList arg = plugin.getElementsByTagName("arg");
                for (int j = 0; j < arg.getLength(); j++) {
                    args.add(arg.item(j).getTextContent().trim());
                }
            }
        }
        return args;
    }
}
