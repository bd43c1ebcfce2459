package org.segloop.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segloop.core.SegLoopException;
import org.segloop.core.loop.ProjectInputs;
import org.segloop.core.project.ImageRegistry;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.QueueStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "add", mixinStandardHelpOptions = true, description = {
	"Register more images. Every file is checked first (readable, taken by the project's model, not a duplicate of another image) "
		+ "and every problem is reported; a bad file adds nothing unless --skip-bad is given.",
	"With --replace, re-register files whose content you replaced on purpose: their old proposals are dropped and they are predicted again." })
final class AddCommand implements Callable<Integer> {

	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE", description = "image files or folders")
	List<Path> images;

	@Option(names = "--skip-bad", description = "register the good images and leave out the bad ones (listed)")
	boolean skipBad;

	@Option(names = "--replace", description = "re-register these registered files with their new content "
		+ "(refused for images with corrections: those belong to the old content)")
	boolean replace;

	@Option(names = "--accept-burned-in-text", description = "in a de-identifying project: also take images that may show burned-in text "
		+ "(their pixels are copied unchanged)")
	boolean acceptBurnedInText;

	@Option(names = "--json", description = "print JSON")
	boolean json;

	@Override
	public Integer call() throws java.io.IOException {
		if (replace && skipBad) throw new ParameterException(spec.commandLine(), "--replace and --skip-bad cannot be combined: a replacement is all or nothing");
		var out = spec.commandLine().getOut();
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_WRITE)) {
			Map<String, Object> m = new LinkedHashMap<>();
			ProjectInputs.Prepared inputs = ProjectInputs.prepare(p, images, acceptBurnedInText, skipBad);
			try {
				register(p, inputs, m);
			}
			catch (RuntimeException | Error e) {
				inputs.discardNewFiles(); // a refused (or crashed) add leaves the project folder as it was
				throw e;
			}
			inputs.notices().forEach(note -> spec.commandLine().getErr().println("note: " + note)); // once registered: a refusal comes first
			if (json) out.println(Json.GSON.toJson(m));
		}
		return Main.OK;
	}

	private void register(ProjectStore p, ProjectInputs.Prepared inputs, Map<String, Object> m) {
		var out = spec.commandLine().getOut();
		if (replace) {
			List<ImageRegistry.ImageRecord> replaced = p.images().replace(inputs.images());
			m.put("reregistered", replaced.stream().map(r -> r.path().toString()).toList());
			if (!json && replaced.isEmpty()) out.println("nothing re-registered: the content of the given file(s) did not change");
			else if (!json) out.printf("%d image(s) re-registered with their new content; next: segloop predict %s%n", replaced.size(), project);
		}
		else {
			int before = p.images().all().size();
			ImageRegistry.Registration r = p.images().register(inputs.images(), skipBad);
			inputs.discardUnregistered(r.images().stream().map(ImageRegistry.ImageRecord::path).toList()); // refused series leave no manifest
			int added = p.images().all().size() - before;
			List<String> leftOut = reportLeftOut(r.leftOut(), spec.commandLine().getErr());
			long inProject = p.queue().counts().entrySet().stream().filter(e -> e.getKey() != QueueStatus.REMOVED).mapToLong(Map.Entry::getValue).sum();
			m.put("added", added);
			m.put("restored", r.restored());
			m.put("images", inProject);
			m.put("leftOut", leftOut);
			if (!json) {
				out.printf("%d new image(s)%s, %d in all%n", added, r.restored() == 0 ? "" : ", " + r.restored() + " removed image(s) back in the queue",
					inProject);
				if (!leftOut.isEmpty()) out.printf("%d file(s) left out (listed above)%n", leftOut.size());
			}
		}
	}

	/** Prints the files --skip-bad left out to stderr, one message each, and returns the messages. */
	static List<String> reportLeftOut(List<SegLoopException> leftOut, PrintWriter err) {
		List<String> messages = leftOut.stream().map(CommandHints::message).toList();
		messages.forEach(msg -> err.println("left out: " + msg));
		return messages;
	}
}
