package dev.warden.sample;

/** Reads series out of a Prometheus scrape. */
final class Prometheus {

	private Prometheus() {
	}

	/**
	 * The value of one series in a scrape, 0 when it is not there yet.
	 * @param scrape the scrape
	 * @param series the series with its labels, e.g. {@code warden_revocation_refusals_total}
	 * @return the value
	 */
	static double sample(String scrape, String series) {
		return scrape.lines()
			.filter((line) -> line.startsWith(series + " "))
			.mapToDouble((line) -> Double.parseDouble(line.substring(series.length() + 1).trim()))
			.findFirst()
			.orElse(0);
	}

}
