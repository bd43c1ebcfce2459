package org.segloop.fiji.imagej;

import java.util.Map;

import ij.IJ;
import ij.ImageJ;
import ij.Menus;
import ij.plugin.PlugIn;

import org.scijava.Context;
import org.scijava.Cancelable;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;
import org.segloop.fiji.MenuHints;

/**
 * SegLoop's SciJava commands as ImageJ 1 menu commands, for plain ImageJ (the launcher) where
 * Fiji's legacy bridge is absent. Each menu item runs this plugin with the command's class name;
 * it asks for the inputs with a macro-recordable dialog and runs the command through SciJava.
 */
public final class CommandBridge implements PlugIn {

	/** Adds every "Plugins>SegLoop>…" command to ImageJ's Plugins menu; returns how many. */
	public static int install(Context context, ImageJ ij) {
		LauncherContext.set(context);
		int n = 0;
		for (CommandInfo info : context.service(CommandService.class).getCommands()) {
			if (info.getMenuPath() == null || !info.getMenuPath().getMenuString().startsWith("Plugins > SegLoop")) continue;
			String title = info.getMenuPath().getLeaf().getName();
			Menus.installPlugin(CommandBridge.class.getName() + "(\"" + info.getClassName() + "\")", Menus.PLUGINS_MENU, title, "", ij);
			bindKey(shortcut(info), title);
			n++;
		}
		return n;
	}

	/** A command's function key (SciJava accelerator "F4") as ImageJ's menus take it; "" for none or any other accelerator. */
	public static String shortcut(CommandInfo info) {
		var acc = info.getMenuPath().getLeaf().getAccelerator();
		if (acc == null) return "";
		var m = acc.getModifiers();
		if (m != null && (m.isCtrlDown() || m.isAltDown() || m.isShiftDown() || m.isMetaDown())) return "";
		String key = acc.getKeyCode().name();
		return key.matches("F([1-9]|1[0-2])") ? key : "";
	}

	/**
	 * Binds a function key to a command in ImageJ's key table, unless the key is taken. (Installed
	 * with a shortcut, ImageJ would rename the command to "TITLE [F4]", which macros do not call.)
	 */
	@SuppressWarnings("unchecked")
	private static void bindKey(String key, String title) {
		if (key.isEmpty()) return;
		int code = java.awt.event.KeyEvent.VK_F1 + Integer.parseInt(key.substring(1)) - 1; // ImageJ's code for a plain function key
		((java.util.Hashtable<Integer, String>) (java.util.Hashtable<?, ?>) Menus.getShortcuts()).putIfAbsent(code, title);
	}

	@Override
	public void run(String commandClass) {
		CommandService commands = LauncherContext.get().service(CommandService.class);
		CommandInfo info = commands.getCommand(commandClass);
		if (info == null) {
			IJ.error("SegLoop", "unknown command " + commandClass);
			return;
		}
		// ModuleService, not CommandService: the latter gives no future for commands that are modules
		// themselves (DynamicCommand, whose choice lists come from the registries)
		ModuleService modules = LauncherContext.get().service(ModuleService.class);
		Module template = modules.createModule(info);
		try {
			template.initialize(); // a DynamicCommand's initializer fills in its choice lists, on its own copy of the inputs
		}
		catch (org.scijava.module.MethodCallException e) {
			Throwable cause = rootCause(e);
			report(MenuHints.isUserError(cause) ? MenuHints.message(cause) : cause.toString());
			return;
		}
		Map<String, Object> inputs = CommandDialog.ask(template.getInfo());
		if (inputs == null) return;
		String missingImage = CommandDialog.missingImage(template.getInfo(), inputs);
		if (missingImage != null) {
			report(info.getTitle() + " needs an open image (" + missingImage + "): open one first");
			return;
		}
		try {
			Module module = modules.run(info, true, inputs).get();
			if (module instanceof Cancelable c && c.isCanceled()) {
				report(info.getTitle() + " did not run: " + c.getCancelReason());
				return;
			}
			for (Object output : module.getOutputs().values())
				if (output instanceof ij.ImagePlus imp && imp.getWindow() == null && ij.WindowManager.getImage(imp.getID()) == null) imp.show(); // results, as Fiji shows them
			Object message = module.getOutput("message");
			if (message != null) IJ.showStatus(message.toString()); // the status bar, not the Log window, which would cover the image
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (java.util.concurrent.ExecutionException e) {
			Throwable cause = rootCause(e);
			report(MenuHints.isUserError(cause) ? MenuHints.message(cause) : cause.toString());
		}
	}

	/** In a macro: the reason in the Log, and the macro stops (a dialog would hang a batch run); else a dialog. */
	private static void report(String text) {
		if (ij.macro.Interpreter.getInstance() != null) {
			IJ.log("SegLoop: " + text);
			ij.macro.Interpreter.abort();
		}
		else IJ.error("SegLoop", text);
	}

	private static Throwable rootCause(Throwable t) {
		while (t.getCause() != null && t.getCause() != t) t = t.getCause();
		return t;
	}
}
