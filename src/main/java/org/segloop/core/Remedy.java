package org.segloop.core;

/**
 * What resolves a problem, as a typed reference that a {@link SegLoopException} carries: an
 * action the user takes ({@link UserAction}, or {@link UserAction.On} with its project and item)
 * or a setting to change ({@link UserSetting}). The core words the fix by what it does; each
 * surface adds how it is done there (a CLI command or option, a Fiji menu command or field).
 */
public sealed interface Remedy permits UserAction, UserAction.On, UserSetting {

	/** The action this remedy is, with its project folder and item when known (a setting: null). */
	default UserAction.On asAction() {
		return this instanceof UserAction a ? new UserAction.On(a, null, null) : this instanceof UserAction.On o ? o : null;
	}
}
