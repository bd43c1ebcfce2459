package org.segloop.fiji;

import java.util.Arrays;

import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.segloop.core.Remedy;
import org.segloop.core.SegLoopException;
import org.segloop.core.UserSetting;

/**
 * Fiji's way of doing what a core error's fix says: core messages name the action ("predict the
 * project's images"), and Fiji adds the menu command that does it, e.g. "(Plugins › SegLoop ›
 * Annotate Next)". Menu paths and field labels are read from the commands' own {@code @Plugin}
 * and {@code @Parameter} annotations, so a renamed menu item is renamed here too. Where Fiji has
 * no command for an action, the action's words stand alone.
 */
public final class MenuHints {

	private MenuHints() {}

	/** The message of an error as Fiji shows it: a core error with its menu commands. */
	public static String message(Throwable e) {
		return e instanceof SegLoopException s ? s.messageWith(MenuHints::of) : e.getMessage();
	}

	/**
	 * Whether an error is the user's to fix, shown as its message without a stack trace: SegLoop's
	 * typed errors, a value refused ({@link IllegalArgumentException}, e.g. an unknown strategy in a
	 * macro) or a step out of order ({@link IllegalStateException}, e.g. Accept with no image open).
	 */
	public static boolean isUserError(Throwable e) {
		return e instanceof SegLoopException || e instanceof IllegalArgumentException || e instanceof IllegalStateException;
	}

	/**
	 * The menu command (or command field) that does a remedy, or null when Fiji has none; for
	 * installing an extension, where its jar goes (Fiji has no command for it).
	 */
	static String of(Remedy r) {
		if (r instanceof UserSetting s) return field(s);
		return switch (r.asAction().action()) {
			case PREDICT -> menu(PredictImagesCommand.class);
			case ANNOTATE -> menu(AnnotateNextCommand.class) + ", then " + menu(AcceptCorrectionCommand.class);
			case TAKE_NEXT -> menu(AnnotateNextCommand.class);
			case LIST_IMAGES -> menu(QueuePanelCommand.class);
			case CREATE_PROJECT -> menu(NewProjectCommand.class);
			case INSTALL_EXTENSION -> "copy its jar into Fiji.app/jars and restart Fiji";
			case ADD_IMAGES, REPLACE_IMAGE, REMOVE_IMAGE, SHOW_STATUS, LIST_VERSIONS, USE_VERSION, CREATE_MODEL_PACKAGE, RECORD_TEST_TENSORS,
				CHECK_MODEL -> null;
		};
	}

	private static String field(UserSetting s) {
		return switch (s) {
			case LEARNING_RATE -> field(FineTuneCommand.class, "learning_rate");
			case EXPORT_FORMAT -> field(ExportDatasetCommand.class, "format");
			case OUTPUT_FOLDER -> field(ExportDatasetCommand.class, "out");
			case SKIP_BAD, MIN_CORRECTIONS, LABEL_KIND, NON_FINITE, QUEUE_SIZES, SERVES, ACCEPT_BURNED_IN_TEXT -> null;
		};
	}

	/** A command's menu path as Fiji's menus show it, e.g. "Plugins › SegLoop › Fine-tune Model". */
	static String menu(Class<?> command) {
		Plugin plugin = command.getAnnotation(Plugin.class);
		if (plugin == null || plugin.menuPath().isBlank()) throw new IllegalStateException(command.getName() + " has no menu path");
		return String.join(" › ", Arrays.stream(plugin.menuPath().split(">")).map(String::trim).toList());
	}

	/** A command's field as its dialog labels it, with the command's menu path. */
	private static String field(Class<?> command, String name) {
		try {
			Parameter p = command.getDeclaredField(name).getAnnotation(Parameter.class);
			return "'" + p.label() + "' in " + menu(command);
		}
		catch (NoSuchFieldException e) {
			throw new IllegalStateException(command.getName() + " has no field " + name, e);
		}
	}
}
