package dev.warden.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Every {@code ```java} block of {@code README.md} and {@code docs/*.md} compiles, with its imports:
 * each block is one compilation unit (its imports, then one or more top-level types), compiled on
 * its own against this module's test classpath.
 */
class DocsExamplesTest {

	private static final Path ROOT = Path.of("..");

	private static final Pattern OPENING = Pattern.compile("^(\\s*)```java\\s*$");

	private static final Pattern CLOSING = Pattern.compile("^\\s*```\\s*$");

	private static final Pattern PUBLIC_TYPE = Pattern.compile(
			"^public\\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|interface|enum|record|@interface)\\s+(\\w+)",
			Pattern.MULTILINE);

	/** One {@code ```java} block: the file (relative to the repository root), the line of its fence. */
	record Block(String file, int line, String code) {

		@Override
		public String toString() {
			return this.file + ":" + this.line;
		}

	}

	static Stream<Arguments> blocks() throws IOException {
		return allBlocks().stream().map((block) -> Arguments.of(block.toString(), block));
	}

	static List<Block> allBlocks() throws IOException {
		List<Path> files = new ArrayList<>();
		files.add(ROOT.resolve("README.md"));
		try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
			docs.filter((path) -> path.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
		}
		List<Block> blocks = new ArrayList<>();
		for (Path file : files) {
			blocks.addAll(blocksOf(ROOT.relativize(file).toString().replace('\\', '/'), Files.readAllLines(file)));
		}
		return blocks;
	}

	static List<Block> blocksOf(String file, List<String> lines) {
		List<Block> blocks = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			Matcher opening = OPENING.matcher(lines.get(i));
			if (!opening.matches()) {
				continue;
			}
			String indent = opening.group(1);
			int start = i;
			StringBuilder code = new StringBuilder();
			for (i++; i < lines.size() && !CLOSING.matcher(lines.get(i)).matches(); i++) {
				String line = lines.get(i);
				code.append(line.startsWith(indent) ? line.substring(indent.length()) : line).append('\n');
			}
			assertThat(i).as("%s:%d: the ```java block is never closed", file, start + 1).isLessThan(lines.size());
			blocks.add(new Block(file, start + 1, code.toString()));
		}
		return blocks;
	}

	@Test
	void findsTheBlocks() throws IOException {
		assertThat(allBlocks()).hasSizeGreaterThan(10);
		assertThat(blocksOf("x.md", List.of("text", "```java", "class A {", "}", "```", "```java", "```")))
			.extracting(Block::toString, Block::code)
			.containsExactly(tuple("x.md:2", "class A {\n}\n"), tuple("x.md:6", ""));
	}

	@Test
	void aBlockThatIsNotACompleteUnitFails(@TempDir Path output) {
		Block fragment = new Block("x.md", 10, "@GetMapping(\"/x\")\nString x() {\n\treturn \"x\";\n}\n");
		assertThat(compile(fragment, output)).isNotEmpty().allMatch((message) -> message.startsWith("x.md:1"));
		Block annotationOnly = new Block("x.md", 10, "@Deprecated\n");
		assertThat(compile(annotationOnly, output.resolve("annotation"))).containsExactly(
				"x.md:10: the block declares no type (a complete unit is imports, then one or more types)");
		Block withoutImports = new Block("x.md", 10, "@RestController\nclass X {\n}\n");
		assertThat(compile(withoutImports, output)).anyMatch((message) -> message.startsWith("x.md:11: ")
				&& message.contains("RestController"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("blocks")
	void compiles(String name, Block block, @TempDir Path output) {
		List<String> errors = compile(block, output);
		assertThat(errors).as("The ```java block at %s does not compile on its own (imports, then top-level types):%n%s%n"
				+ "--- the block ---%n%s", name, String.join(System.lineSeparator(), errors), block.code())
			.isEmpty();
	}

	/**
	 * Compiles one block into {@code output}.
	 * @return the errors, each as {@code file:line: message}, the line being the Markdown file's
	 */
	static List<String> compile(Block block, Path output) {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		assertThat(compiler).as("a JDK's compiler (javax.tools)").isNotNull();
		try {
			Files.createDirectories(output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		List<String> options = List.of("-proc:none", "--release", "17", "-implicit:none", "-classpath",
				System.getProperty("java.class.path"), "-d", output.toString());
		JavaFileObject source = new Source(fileName(block.code()), block.code());
		boolean compiled = compiler.getTask(null, null, diagnostics, options, null, List.of(source)).call();
		List<String> errors = diagnostics.getDiagnostics()
			.stream()
			.filter((diagnostic) -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
			.map((diagnostic) -> block.file() + ":" + markdownLine(block, diagnostic) + ": "
					+ diagnostic.getMessage(Locale.ROOT))
			.collect(Collectors.toList());
		if (!compiled && errors.isEmpty()) {
			errors.add(block + ": the compiler failed without an error message");
		}
		if (compiled && !hasClassFiles(output)) {
			errors.add(block + ": the block declares no type (a complete unit is imports, then one or more types)");
		}
		return errors;
	}

	private static boolean hasClassFiles(Path output) {
		try (Stream<Path> files = Files.walk(output)) {
			return files.anyMatch((file) -> file.toString().endsWith(".class"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String markdownLine(Block block, Diagnostic<?> diagnostic) {
		return (diagnostic.getLineNumber() > 0) ? String.valueOf(block.line() + diagnostic.getLineNumber())
				: String.valueOf(block.line());
	}

	/** The first public top-level type names the file; a block without one may use any name. */
	static String fileName(String code) {
		Matcher type = PUBLIC_TYPE.matcher(code);
		return (type.find() ? type.group(1) : "DocsExample") + ".java";
	}

	private static final class Source extends SimpleJavaFileObject {

		private final String code;

		Source(String fileName, String code) {
			super(URI.create("string:///" + fileName), JavaFileObject.Kind.SOURCE);
			this.code = code;
		}

		@Override
		public CharSequence getCharContent(boolean ignoreEncodingErrors) {
			return this.code;
		}

	}

}
