package io.vaas.delivery.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;

/** The agents' path's content negotiation. */
final class Accepts {

	private Accepts() {
	}

	/**
	 * JSON unless the {@code Accept} header prefers a tar; 406 when it takes neither.
	 */
	static MediaType negotiate(@Nullable String accept) throws HttpMediaTypeNotAcceptableException {
		// What vaas-agent sends, and no header at all: no parsing on the hot path.
		if (accept == null || accept.isBlank() || accept.equals(MediaType.APPLICATION_JSON_VALUE)) {
			return MediaType.APPLICATION_JSON;
		}
		List<MediaType> accepted;
		try {
			accepted = MediaType.parseMediaTypes(accept);
		}
		catch (InvalidMediaTypeException ex) {
			throw new HttpMediaTypeNotAcceptableException(BundleDelivery.PRODUCES);
		}
		MediaType best = null;
		var bestQuality = 0.0;
		for (var type : accepted) {
			var quality = type.getQualityValue();
			if (quality <= bestQuality) {
				continue;
			}
			for (var offered : BundleDelivery.PRODUCES) {
				if (type.includes(offered)) {
					best = offered;
					bestQuality = quality;
					break;
				}
			}
		}
		if (best == null) {
			throw new HttpMediaTypeNotAcceptableException(BundleDelivery.PRODUCES);
		}
		return best;
	}

}
