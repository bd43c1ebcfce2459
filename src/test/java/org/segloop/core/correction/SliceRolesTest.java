package org.segloop.core.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Slice roles as stored: compact ranges per role, read back exactly; anything else is refused. */
class SliceRolesTest {

	@Test
	void rolesRoundTripThroughTheirCompactJson() {
		SliceRoles roles = new SliceRoles(8, 2, List.of(SliceRole.KEPT, SliceRole.EDITED, SliceRole.INTERPOLATED, SliceRole.INTERPOLATED,
			SliceRole.EDITED, SliceRole.KEPT, SliceRole.KEPT, SliceRole.KEPT, SliceRole.EDITED, SliceRole.KEPT, SliceRole.KEPT, SliceRole.KEPT,
			SliceRole.KEPT, SliceRole.KEPT, SliceRole.KEPT, SliceRole.EDITED));
		assertEquals("{\"slices\":8,\"frames\":2,\"edited\":\"1,4,8,15\",\"interpolated\":\"2-3\",\"kept\":\"0,5-7,9-14\"}", roles.toJson());
		assertEquals(roles, SliceRoles.fromJson(roles.toJson()));
		assertEquals(SliceRole.EDITED, roles.role(0, 1));
		assertEquals(SliceRoles.all(3, 1, SliceRole.KEPT), SliceRoles.fromJson("{\"slices\":3,\"frames\":1,\"kept\":\"0-2\"}"));
		for (String bad : List.of("{\"slices\":3,\"frames\":1,\"kept\":\"0-1\"}", "{\"slices\":3,\"frames\":1,\"kept\":\"0-2\",\"edited\":\"1\"}",
			"{\"slices\":3,\"frames\":1,\"kept\":\"0-3\"}", "{\"slices\":3,\"frames\":1,\"kept\":\"a\"}", "not json"))
			org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> SliceRoles.fromJson(bad), bad);
	}
}
