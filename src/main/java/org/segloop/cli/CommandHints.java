package org.segloop.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.segloop.core.Remedy;
import org.segloop.core.SegLoopException;
import org.segloop.core.UserAction;
import org.segloop.core.UserSetting;

/**
 * The command line's way of doing what a core error's fix says: core messages name the action
 * ("predict the project's images"), and the CLI adds the command or option that does it
 * ({@code segloop predict /data/p1}), filled in with the project and image the error names.
 */
final class CommandHints {

	private CommandHints() {}

	/** The message of an error as the CLI shows it: a core error with its commands and options. */
	static String message(Throwable e) {
		return e instanceof SegLoopException s ? s.messageWith(CommandHints::of) : e.getMessage();
	}

	/** The commands and options a core error refers to (empty for other errors), for --json. */
	static List<String> actions(Throwable e) {
		if (!(e instanceof SegLoopException s)) return List.of();
		return s.remedies().stream().map(CommandHints::of).filter(Objects::nonNull).distinct().toList();
	}

	/** The command or option that does a remedy. */
	static String of(Remedy r) {
		if (r instanceof UserSetting s) return option(s);
		UserAction.On a = r.asAction();
		String project = folder(a, "PROJECT"), pkg = folder(a, "PACKAGE");
		return switch (a.action()) {
			case PREDICT -> "segloop predict " + project;
			case ADD_IMAGES -> "segloop add " + project + " " + item(a, "IMAGE");
			case REPLACE_IMAGE -> "segloop add " + project + " --replace " + item(a, "IMAGE");
			case REMOVE_IMAGE -> "segloop remove " + project + " " + item(a, "ID");
			case ANNOTATE -> "segloop next " + project + ", then segloop accept " + project;
			case TAKE_NEXT -> "segloop next " + project;
			case LIST_IMAGES -> "segloop queue " + project + " --all";
			case SHOW_STATUS -> "segloop status " + project;
			case LIST_VERSIONS -> "segloop versions " + project;
			case USE_VERSION -> "segloop versions " + project + " --use " + item(a, "ID");
			case CREATE_PROJECT -> "segloop init " + project + " --model MODEL --images IMAGES";
			case CREATE_MODEL_PACKAGE -> "segloop model init " + item(a, "MODEL.onnx") + " --out DIR";
			case RECORD_TEST_TENSORS -> "segloop model record-tests " + pkg;
			case CHECK_MODEL -> "segloop model check " + pkg;
			case INSTALL_EXTENSION -> "SEGLOOP_CLASSPATH=/path/to/extension.jar segloop status " + project; // status then shows it installed
		};
	}

	/** The option that sets a setting, with a placeholder for its value where it takes one (e.g. "--min-corrections N"). */
	static String option(UserSetting s) {
		return switch (s) {
			case SKIP_BAD -> "--skip-bad";
			case MIN_CORRECTIONS -> "--min-corrections N";
			case LEARNING_RATE -> "--lr RATE";
			case EXPORT_FORMAT -> "--format FORMAT";
			case OUTPUT_FOLDER -> "--out DIR";
			case LABEL_KIND -> "--kind KIND";
			case NON_FINITE -> "--non-finite MODE";
			case QUEUE_SIZES -> "--queue-sizes N,N";
			case SERVES -> "--serves N";
			case ACCEPT_BURNED_IN_TEXT -> "--accept-burned-in-text";
		};
	}

	private static String folder(UserAction.On a, String placeholder) {
		Path f = a.folder();
		return f == null ? placeholder : f.toString();
	}

	private static String item(UserAction.On a, String placeholder) {
		return a.item() == null ? placeholder : a.item();
	}
}
