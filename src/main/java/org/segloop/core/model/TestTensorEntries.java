package org.segloop.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets a tensor's {@code test_tensor} entry (source and sha256) in the text of an rdf.yaml 0.5,
 * changing only those lines: the user's edits, comments and layout stay as they were.
 */
public final class TestTensorEntries {

	private static final Pattern ID_LINE = Pattern.compile("^(\\s*)- id:\\s*[\"']?([^\"'#]*?)[\"']?\\s*(#.*)?$");
	private static final Pattern KEY_LINE = Pattern.compile("^(\\s*)([A-Za-z_0-9]+):(.*)$");

	private TestTensorEntries() {}

	/**
	 * @param section "inputs" or "outputs"
	 * @return the text with {@code test_tensor: {source, sha256}} of that tensor set (added when missing)
	 * @throws IllegalArgumentException when the tensor's "- id:" line is not found
	 */
	public static String set(String rdfText, String section, String tensorId, String source, String sha256) {
		List<String> lines = new ArrayList<>(List.of(rdfText.split("\n", -1)));
		int start = sectionStart(lines, section);
		int listIndent = -1; // the tensors' "- id:" lines; processing steps are "- id:" lines further in
		for (int i = start + 1; i < lines.size(); i++) {
			String line = lines.get(i);
			if (!line.isBlank() && !line.startsWith(" ") && !line.startsWith("#") && !line.startsWith("-")) break; // next top-level key
			if (listIndent < 0 && line.stripLeading().startsWith("- ")) listIndent = indentOf(line);
			Matcher m = ID_LINE.matcher(line);
			if (m.matches() && m.group(1).length() == listIndent && m.group(2).trim().equals(tensorId)) {
				setEntry(lines, i, m.group(1).length() + 2, source, sha256);
				return String.join("\n", lines);
			}
		}
		throw new IllegalArgumentException("no '- id: " + tensorId + "' under " + section);
	}

	private static int sectionStart(List<String> lines, String section) {
		for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(section + ":")) return i;
		throw new IllegalArgumentException("no top-level '" + section + ":'");
	}

	/** @param indent the indentation of the tensor's keys (id, axes, test_tensor, …) */
	private static void setEntry(List<String> lines, int idLine, int indent, String source, String sha256) {
		String pad = " ".repeat(indent);
		List<String> entry = List.of(pad + "test_tensor:", pad + "  source: " + source, pad + "  sha256: " + sha256);
		for (int i = idLine + 1; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank() || line.trim().startsWith("#")) continue;
			Matcher m = KEY_LINE.matcher(line);
			int lineIndent = line.length() - line.stripLeading().length();
			if (lineIndent < indent) break; // the tensor's block ended
			if (!m.matches() || lineIndent != indent || !m.group(2).equals("test_tensor")) continue;
			int end = i + 1;
			while (end < lines.size() && (lines.get(end).isBlank() || indentOf(lines.get(end)) > indent)) end++;
			while (end > i + 1 && lines.get(end - 1).isBlank()) end--;
			for (int k = end - 1; k >= i; k--) lines.remove(k);
			lines.addAll(i, entry);
			return;
		}
		lines.addAll(idLine + 1, entry);
	}

	private static int indentOf(String line) {
		return line.length() - line.stripLeading().length();
	}
}
