package org.segloop.fiji.imagej;

import java.io.File;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;

import org.scijava.ItemIO;
import org.scijava.module.ModuleInfo;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

/**
 * Asks for a SciJava command's inputs with an ImageJ 1 GenericDialog, so the command is
 * macro-recordable in plain ImageJ: the field labels are the parameter names, which become the
 * macro keys ({@code run("Annotate Next", "project=[/data/p1] annotator=ana")}), as in Fiji.
 * Image inputs take the current image.
 */
final class CommandDialog {

	private CommandDialog() {}

	/** The name of a required image input the user left without an image (none is open), or null. */
	static String missingImage(ModuleInfo info, Map<String, Object> values) {
		for (ModuleItem<?> item : info.inputs())
			if (item.getType() == ImagePlus.class && item.isRequired() && values.get(item.getName()) == null) return item.getName();
		return null;
	}

	/** @return the inputs, or null when the user cancelled */
	static Map<String, Object> ask(ModuleInfo info) {
		GenericDialog gd = new GenericDialog(info.getTitle());
		List<ModuleItem<?>> items = new java.util.ArrayList<>();
		for (ModuleItem<?> item : info.inputs()) {
			Class<?> type = item.getType();
			if (Service.class.isAssignableFrom(type) || org.scijava.Context.class.isAssignableFrom(type) || item.getIOType() == ItemIO.OUTPUT) continue;
			items.add(item);
			String name = item.getName();
			Object initial = item.getDefaultValue();
			if (type == ImagePlus.class) continue;
			if (type == File.class) {
				if ("directory".equals(item.getWidgetStyle())) gd.addDirectoryField(name, initial == null ? "" : initial.toString(), 40);
				else gd.addFileField(name, initial == null ? "" : initial.toString(), 40);
			}
			else if (type == boolean.class || type == Boolean.class) gd.addCheckbox(name, Boolean.TRUE.equals(initial));
			else if (Number.class.isAssignableFrom(box(type))) gd.addNumericField(name, initial == null ? 0 : ((Number) initial).doubleValue(), 
				type == double.class || type == float.class ? 3 : 0);
			else if (item.getChoices() != null && !item.getChoices().isEmpty())
				gd.addChoice(name, item.getChoices().stream().map(Object::toString).toArray(String[]::new), initial == null ? null : initial.toString());
			else gd.addStringField(name, initial == null ? "" : initial.toString(), 30);
		}
		if (items.stream().anyMatch(i -> i.getType() != ImagePlus.class)) {
			gd.showDialog();
			if (gd.wasCanceled()) return null;
		}
		Map<String, Object> values = new HashMap<>();
		for (ModuleItem<?> item : items) {
			Class<?> type = item.getType();
			Object v;
			if (type == ImagePlus.class) v = WindowManager.getCurrentImage();
			else if (type == File.class) v = new File(gd.getNextString());
			else if (type == boolean.class || type == Boolean.class) v = gd.getNextBoolean();
			else if (type == int.class || type == Integer.class) v = (int) gd.getNextNumber();
			else if (type == long.class || type == Long.class) v = (long) gd.getNextNumber();
			else if (type == float.class || type == Float.class) v = (float) gd.getNextNumber();
			else if (type == double.class || type == Double.class) v = gd.getNextNumber();
			else if (item.getChoices() != null && !item.getChoices().isEmpty()) v = gd.getNextChoice();
			else v = gd.getNextString();
			values.put(item.getName(), v);
		}
		return values;
	}

	private static Class<?> box(Class<?> t) {
		if (t == int.class) return Integer.class;
		if (t == long.class) return Long.class;
		if (t == double.class) return Double.class;
		if (t == float.class) return Float.class;
		return t;
	}
}
