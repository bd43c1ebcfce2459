package org.segloop.core.registry;

import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The extensions of one kind, by name, found with {@link ServiceLoader}: SegLoop's own (listed in
 * its {@code META-INF/services/<extension point>} file) and any that a jar on the class path adds
 * the same way. The one list every surface reads: validation, {@code --help}, completion and Fiji's
 * choice lists.
 *
 * <p>Order: SegLoop's built-ins in the order their services file declares them (the first is not
 * necessarily the default; settings say which is), then the added ones sorted by name, so lists do
 * not change with the order of jars on the class path. Loaded once, on first use, from the class
 * loader that loaded SegLoop (in Fiji the plugin class loader, which sees the jars next to
 * SegLoop's; a thread's context loader may not); thread-safe.
 *
 * @param <T> the extension point, an interface
 */
public final class Registry<T extends Extension> {

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

	private final Class<T> type;
	private final String kind;
	private final ClassLoader loader;
	private volatile List<T> loaded;

	/**
	 * @param type the extension point
	 * @param kind what its extensions are called in messages, singular: "queue strategy"
	 */
	public Registry(Class<T> type, String kind) {
		this(type, kind, null);
	}

	/** With {@code loader} instead of SegLoop's (for tests of the loading rules). */
	Registry(Class<T> type, String kind, ClassLoader loader) {
		this.type = type;
		this.kind = kind;
		this.loader = loader;
	}

	/** What the extensions are called in messages, e.g. "uncertainty scorer". */
	public String kind() {
		return kind;
	}

	/** Every extension, built-ins first. */
	public List<T> all() {
		List<T> l = loaded;
		if (l == null) synchronized (this) {
			if (loaded == null) loaded = load();
			l = loaded;
		}
		return l;
	}

	/** Their names, in the order of {@link #all()}. */
	public List<String> names() {
		return all().stream().map(Extension::name).toList();
	}

	/** The extension of that name (surrounding blanks and case are ignored), if there is one. */
	public Optional<T> find(String name) {
		if (name == null) return Optional.empty();
		String wanted = name.trim().toLowerCase(Locale.ROOT);
		return all().stream().filter(e -> e.name().equals(wanted)).findFirst();
	}

	/** @throws UnknownNameException naming the kind, the value and the known names */
	public T byName(String name) {
		return find(name).orElseThrow(() -> new UnknownNameException(kind, name, names()));
	}

	private List<T> load() {
		List<T> builtIn = new ArrayList<>();
		List<T> added = new ArrayList<>();
		Map<String, T> byName = new HashMap<>();
		try {
			for (T e : ServiceLoader.load(type, loader != null ? loader : segLoopsLoader())) {
				String name = e.name();
				if (name == null || !NAME.matcher(name).matches()) throw new ExtensionLoadException(kind + " " + ExtensionFailedException.provider(e.getClass())
					+ " is named '" + name + "'; a name is lower case letters, digits, '_' or '-'", "fix or remove the jar that provides it", null);
				T other = byName.putIfAbsent(name, e);
				if (other != null) throw new ExtensionLoadException("two " + kind + " extensions are named '" + name + "': "
					+ ExtensionFailedException.provider(other.getClass()) + " and " + ExtensionFailedException.provider(e.getClass()),
					Objects.equals(location(other.getClass()), location(e.getClass())) ? "rename one of them (they are in the same jar)"
						: "remove one of the two jars", null);
				(isBuiltIn(e.getClass()) ? builtIn : added).add(e);
			}
		}
		catch (ServiceConfigurationError e) {
			throw new ExtensionLoadException("cannot load the " + kind + " extensions: " + e.getMessage(),
				"fix or remove the jar whose META-INF/services file names that class", e);
		}
		added.sort(Comparator.comparing(Extension::name));
		builtIn.addAll(added);
		return List.copyOf(builtIn);
	}

	private static ClassLoader segLoopsLoader() {
		ClassLoader l = Registry.class.getClassLoader();
		if (l == null) l = Thread.currentThread().getContextClassLoader();
		return l != null ? l : ClassLoader.getSystemClassLoader();
	}

	/**
	 * Whether an extension is SegLoop's own (shipped in the same jar or classes folder), not one a
	 * jar added: a failure of an added one is reported as the extension's
	 * ({@link ExtensionFailedException}), a built-in's as SegLoop's.
	 */
	public boolean isBuiltIn(Extension e) {
		return isBuiltIn(e.getClass());
	}

	/** Shipped in the same jar (or classes folder) as SegLoop: a class of SegLoop's own, not of an added jar. */
	public static boolean isBuiltIn(Class<?> c) {
		return Objects.equals(location(c), location(Registry.class));
	}

	private static URL location(Class<?> c) {
		CodeSource s = c.getProtectionDomain().getCodeSource();
		return s == null ? null : s.getLocation();
	}
}
