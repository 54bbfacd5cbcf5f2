package dev.warden.security.fuzz;

import java.util.Random;

/**
 * How much fuzzing to do, and from which seed. The defaults give a bounded run of about a minute
 * in total in the normal test command. To run longer or elsewhere:
 * <pre>
 * mvn -B -o -pl security-tests test -Dtest='*Fuzz*' -Dwarden.fuzz.scale=20           # 20x the tries
 * mvn -B -o -pl security-tests test -Dtest='*Fuzz*' -Dwarden.fuzz.seed=random         # a new seed each run
 * mvn -B -o -pl security-tests test -Dtest='*Fuzz*' -Dwarden.fuzz.seed=12345          # replay a seed
 * WARDEN_FUZZ_SCALE=20 WARDEN_FUZZ_SEED=random mvn -B -o -pl security-tests test      # same, from the environment
 * </pre>
 * The seed in use is printed at the start of each fuzz test and repeated in every failure message.
 */
final class FuzzSettings {

	static final long DEFAULT_SEED = 20_261_130L;

	final long seed;

	final double scale;

	private FuzzSettings(long seed, double scale) {
		this.seed = seed;
		this.scale = scale;
	}

	static FuzzSettings current() {
		String seed = setting("warden.fuzz.seed", "WARDEN_FUZZ_SEED");
		String scale = setting("warden.fuzz.scale", "WARDEN_FUZZ_SCALE");
		long chosenSeed = (seed == null || seed.isBlank()) ? DEFAULT_SEED
				: seed.equalsIgnoreCase("random") ? new Random().nextLong() : Long.parseLong(seed.trim());
		double chosenScale = (scale == null || scale.isBlank()) ? 1.0 : Double.parseDouble(scale.trim());
		if (chosenScale <= 0) {
			throw new IllegalArgumentException("warden.fuzz.scale must be positive: " + scale);
		}
		return new FuzzSettings(chosenSeed, chosenScale);
	}

	private static String setting(String property, String environment) {
		String value = System.getProperty(property);
		return (value != null) ? value : System.getenv(environment);
	}

	/** The number of tries for a test whose default is {@code defaultTries}. */
	int tries(int defaultTries) {
		return (int) Math.max(1, Math.round(defaultTries * this.scale));
	}

	Random random(String test) {
		return new Random(this.seed ^ test.hashCode());
	}

	@Override
	public String toString() {
		return "seed=" + this.seed + " scale=" + this.scale + " (-Dwarden.fuzz.seed=" + this.seed + ")";
	}

}
