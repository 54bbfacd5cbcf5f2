#!/usr/bin/env python3
"""Prints ops/s per benchmark and the ratios of one JMH run (standard library only).

    jmh_report.py benchmarks/target/jmh.json [benchmarks/target/jmh-dpop.json]

Ratios, per algorithm, all from the same run:
  Warden cold time / raw Nimbus time        target <= 1.15
  Warden repeated speedup over Warden cold  target >= 10
  Warden cold vs Spring's NimbusJwtDecoder  (time ratio; < 1 means Warden is faster)
With the DPoP results (DPoPProofBenchmark) also:
  Warden's whole proof check time / one raw Nimbus ES256 verify   target <= 1.2
The targets are printed for the record; nothing is asserted.
"""
import json
import sys

ORDER = ("nimbusRaw", "springNimbusJwtDecoder", "wardenCold", "wardenColdNoCache", "wardenRepeated",
         "wardenRepeatedRevocationsOn", "wardenRepeatedTwoIssuers")
LABELS = {
    "nimbusRaw": "raw Nimbus DefaultJWTProcessor (fixed key)",
    "springNimbusJwtDecoder": "Spring NimbusJwtDecoder (Boot's configuration)",
    "wardenCold": "Warden, new token (cache on, miss)",
    "wardenColdNoCache": "Warden, new token (cache off)",
    "wardenRepeated": "Warden, repeated token (cache hit)",
    "wardenRepeatedRevocationsOn": "Warden, repeated, 10,000 revocations held",
    "wardenRepeatedTwoIssuers": "Warden, repeated, two trusted issuers",
    "nimbusEs256Verify": "raw Nimbus: parse a DPoP proof, verify ES256",
    "wardenProofCheck": "Warden's whole DPoP proof check",
}
TARGETS = {"cold_over_nimbus_time": 1.15, "repeated_over_cold_speedup": 10.0}


def load(path):
    """Returns {(alg, method): {"ops": ops/s, "error": ±, "samples": n}} and the run's settings."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    results = {}
    settings = {}
    for entry in data:
        method = entry["benchmark"].rsplit(".", 1)[-1]
        alg = entry.get("params", {}).get("alg", "?")
        metric = entry["primaryMetric"]
        unit = metric["scoreUnit"]
        if unit != "ops/s":
            raise SystemExit(f"{entry['benchmark']}: expected ops/s, got {unit}")
        error = metric.get("scoreError")
        if isinstance(error, str) or (isinstance(error, float) and error != error):
            error = None  # "NaN": a single sample
        samples = sum(len(fork) for fork in metric.get("rawData", []))
        results[(alg, method)] = {
            "ops": metric["score"],
            "error": error,
            "samples": samples,
        }
        settings = {
            "forks": entry.get("forks"),
            "warmup_iterations": entry.get("warmupIterations"),
            "warmup_time": entry.get("warmupTime"),
            "iterations": entry.get("measurementIterations"),
            "iteration_time": entry.get("measurementTime"),
            "threads": entry.get("threads"),
            "jvm": entry.get("vmName", "") + " " + entry.get("vmVersion", ""),
            "ring": entry.get("params", {}).get("ring"),
        }
    return results, settings


def algorithms(results):
    seen = []
    for alg, _ in results:
        if alg not in seen:
            seen.append(alg)
    return seen


def ratios(results, alg):
    def ops(method):
        cell = results.get((alg, method))
        return cell["ops"] if cell else None

    def div(a, b):
        return (a / b) if a is not None and b else None

    nimbus, spring = ops("nimbusRaw"), ops("springNimbusJwtDecoder")
    cold, nocache, repeated = ops("wardenCold"), ops("wardenColdNoCache"), ops("wardenRepeated")
    return {
        # time ratios are inverse throughput ratios
        "cold_over_nimbus_time": div(nimbus, cold),
        "cold_nocache_over_nimbus_time": div(nimbus, nocache),
        "repeated_over_cold_speedup": div(repeated, cold),
        "cold_over_spring_time": div(spring, cold),
        "spring_over_nimbus_time": div(nimbus, spring),
    }


def fmt(value, pattern="{:.2f}"):
    return "n/a" if value is None else pattern.format(value)


def print_report(results, settings):
    print()
    print(f"JMH throughput ({settings.get('forks')} fork(s) x {settings.get('iterations')} x "
          f"{settings.get('iteration_time')} after {settings.get('warmup_iterations')} x "
          f"{settings.get('warmup_time')} warm-up, {settings.get('threads')} thread(s), "
          f"ring of {settings.get('ring')} tokens; {settings.get('jvm')})")
    print(f"{'benchmark':48} {'alg':6} {'ops/s':>12} {'± (99.9%)':>11} {'us/op':>9}")
    for alg in algorithms(results):
        for method in ORDER:
            cell = results.get((alg, method))
            if not cell:
                continue
            print(f"{LABELS[method]:48} {alg:6} {cell['ops']:12.0f} {fmt(cell['error'], '{:11.0f}'):>11} "
                  f"{1e6 / cell['ops']:9.2f}")
    for alg in algorithms(results):
        r = ratios(results, alg)
        print()
        print(f"Ratios, {alg}:")

        def line(name, key, target=None, higher_is_better=False):
            value = r[key]
            verdict = ""
            if target is not None and value is not None:
                met = value >= target if higher_is_better else value <= target
                sign = ">=" if higher_is_better else "<="
                verdict = f"   (target {sign} {target:g}: {'met' if met else 'NOT met'})"
            print(f"  {name:52} {fmt(value)}{verdict}")

        line("Warden cold time / raw Nimbus time", "cold_over_nimbus_time", TARGETS["cold_over_nimbus_time"])
        line("Warden cold (cache off) time / raw Nimbus time", "cold_nocache_over_nimbus_time")
        line("Warden repeated speedup over Warden cold (x)", "repeated_over_cold_speedup",
             TARGETS["repeated_over_cold_speedup"], higher_is_better=True)
        line("Warden cold time / Spring NimbusJwtDecoder time", "cold_over_spring_time")
        line("Spring NimbusJwtDecoder time / raw Nimbus time", "spring_over_nimbus_time")
    if any(cell["samples"] < 2 for cell in results.values()):
        print("\nNote: single-sample results (no error estimate): smoke level only.")


def print_dpop(results, settings):
    raw = results.get(("?", "nimbusEs256Verify"))
    warden = results.get(("?", "wardenProofCheck"))
    print()
    print(f"DPoP proof check ({settings.get('jvm')}):")
    for name, cell in (("nimbusEs256Verify", raw), ("wardenProofCheck", warden)):
        if cell:
            print(f"  {LABELS[name]:48} {cell['ops']:12.0f} {fmt(cell['error'], '{:11.0f}'):>11} "
                  f"{1e6 / cell['ops']:9.2f} us/op")
    if raw and warden:
        value = raw["ops"] / warden["ops"]
        print(f"  {'Warden proof check time / raw ES256 verify time':52} {value:.2f}"
              f"   (target <= 1.2: {'met' if value <= 1.2 else 'NOT met'})")


def main(argv):
    if len(argv) not in (2, 3):
        sys.exit(__doc__)
    results, settings = load(argv[1])
    if not results:
        sys.exit(f"no results in {argv[1]}")
    print_report(results, settings)
    if len(argv) == 3:
        dpop, dpop_settings = load(argv[2])
        print_dpop(dpop, dpop_settings)


if __name__ == "__main__":
    main(sys.argv)
