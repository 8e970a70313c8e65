package io.vaas.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NoticeTests {

	@Test
	void readsTheOriginAndTheBodyBack() {
		var notice = Notice.parse(Notice.payload("3f2c", "shop 7d1e 1700000000"));
		assertThat(notice).isEqualTo(new Notice("3f2c", "shop 7d1e 1700000000"));
	}

	@Test
	void readsAPayloadWithoutAnOriginAsTheBodyAlone() {
		assertThat(Notice.parse("shop")).isEqualTo(new Notice(null, "shop"));
		assertThat(Notice.parse("shop 7d1e 1700000000")).isEqualTo(new Notice(null, "shop 7d1e 1700000000"));
	}

	@Test
	void takesAMarkWithoutAnOriginForTheBody() {
		assertThat(Notice.parse("@ shop")).isEqualTo(new Notice(null, "@ shop"));
		assertThat(Notice.parse("@shop")).isEqualTo(new Notice(null, "@shop"));
		assertThat(Notice.parse("")).isEqualTo(new Notice(null, ""));
	}

}
