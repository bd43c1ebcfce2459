package org.segloop.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.segloop.core.image.ImageFinder;
import org.segloop.core.project.ProjectStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "add", mixinStandardHelpOptions = true, description = "Register more images (all or none: a bad file adds nothing).")
final class AddCommand implements Callable<Integer> {

	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE", description = "image files or folders")
	List<Path> images;

	@Override
	public Integer call() throws java.io.IOException {
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_WRITE)) {
			int before = p.images().all().size();
			p.images().add(ImageFinder.expand(images));
			int after = p.images().all().size();
			spec.commandLine().getOut().printf("%d new image(s), %d in all%n", after - before, after);
		}
		return Main.OK;
	}
}
