package org.segloop.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segloop.core.UserAction;
import org.segloop.core.project.ProjectException;
import org.segloop.core.project.ProjectStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "remove", mixinStandardHelpOptions = true, description = {
	"Take images out of the project, all or none: they are no longer predicted, served, exported or trained on, and a lease on them ends.",
	"Their corrections stay in the database's history and the journal records the removal; 'segloop add' of the same, unchanged file brings an image back." })
final class RemoveCommand implements Callable<Integer> {

	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Parameters(index = "1..*", arity = "1..*", paramLabel = "ID|PATH", description = "image ids (as 'segloop status' and 'queue' show them) or registered paths (the file may be gone)")
	List<String> images;

	@Option(names = "--who", defaultValue = "${sys:user.name}", description = "name recorded in the journal (default: your user name)")
	String who;

	@Option(names = "--json", description = "print JSON")
	boolean json;

	@Override
	public Integer call() {
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_WRITE)) {
			List<Long> ids = new ArrayList<>();
			for (String image : images) ids.add(image.matches("\\d+") ? Long.parseLong(image) : idOf(p, Path.of(image)));
			p.queue().remove(ids, who == null || who.isBlank() ? "segloop" : who);
			var out = spec.commandLine().getOut();
			if (json) out.println(Json.GSON.toJson(Map.of("removed", ids)));
			else out.printf("removed %d image(s) %s; their corrections stay in the project's history but are not exported or trained on%n", ids.size(),
				ids);
		}
		return Main.OK;
	}

	private static long idOf(ProjectStore p, Path file) {
		return p.images().lookup(file).orElseThrow(() -> new ProjectException(file, "is not registered in project " + p.folder(),
			"give a registered path or an image id", UserAction.LIST_IMAGES.on(p.folder()))).id();
	}
}
