#!/usr/bin/env python3
"""Summarises the runs of run-http.sh (standard library only).

    http_report.py RUNS.jsonl SETTINGS.json OUT.json OUT.csv

Takes the median over the measured rounds of req/s, p50 and p99 per server and scenario, computes
the ratios of those medians and, for the judged ratios, the ratio within each round and the median
of those (the two sides of a round ran seconds apart; read this one on a drifting machine); it
the Warden/stock and Warden/bare ratios, Warden reused / Warden ping and, with the introspecting
server, its reused-token req/s over Warden's (introspection with a warm cache against JWT-only),
prints them and writes them as JSON and CSV.
The targets are printed for the record; nothing is asserted.
"""
import csv
import json
import statistics
import sys

SERVERS = ("warden", "stock", "bare", "introspect")
SCENARIOS = ("reused", "ping", "fresh")
LABELS = {
    "reused": "GET /api/orders, reused token",
    "ping": "GET /public/ping, no token",
    "fresh": "GET /api/orders, fresh token per request",
}
TARGETS = {
    "reused_over_ping_warden": 0.90,
    "reused_warden_over_stock": 2.5,
    "reused_warden_over_bare": 1.4,
    "fresh_warden_over_stock": 1.10,
    "reused_introspect_over_warden": 0.95,
}


def load_runs(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def summarise(runs, settings):
    measured = [r for r in runs if r["phase"] == "measure"]
    per_round = {(r["server"], r["scenario"], r["round"]): r["wrk"]["requests"] / (r["wrk"]["duration_us"] / 1e6)
                 for r in measured}
    cells = {}
    for server in SERVERS:
        for scenario in SCENARIOS:
            rows = [r for r in measured if r["server"] == server and r["scenario"] == scenario]
            if not rows:
                continue
            rps = [r["wrk"]["requests"] / (r["wrk"]["duration_us"] / 1e6) for r in rows]
            p50 = [r["wrk"]["latency_us"]["p50"] / 1000.0 for r in rows]
            p99 = [r["wrk"]["latency_us"]["p99"] / 1000.0 for r in rows]
            cpu = [r["cpu_us_per_request"] for r in rows if r.get("cpu_us_per_request")]
            errors = sum(sum(r["wrk"]["errors"].values()) for r in rows)
            hits = sum(r.get("cache_hits", 0) for r in rows)
            misses = sum(r.get("cache_misses", 0) for r in rows)
            cells[(server, scenario)] = {
                "server": server,
                "scenario": scenario,
                "label": LABELS[scenario],
                "rounds": len(rows),
                "requests_per_second": statistics.median(rps),
                "p50_ms": statistics.median(p50),
                "p99_ms": statistics.median(p99),
                "server_cpu_us_per_request": statistics.median(cpu) if cpu else None,
                "server_cpu_us_per_request_runs": cpu,
                "requests_per_second_runs": [round(v, 1) for v in rps],
                "errors": errors,
                # warden: the verified-token cache; introspect: the introspection cache
                "warden_cache_hits": hits if server in ("warden", "introspect") else None,
                "warden_cache_misses": misses if server in ("warden", "introspect") else None,
            }

    def rps(server, scenario):
        cell = cells.get((server, scenario))
        return cell["requests_per_second"] if cell else None

    def ratio(a, b):
        return (a / b) if a is not None and b else None

    def cpu(server, scenario):
        cell = cells.get((server, scenario))
        return cell["server_cpu_us_per_request"] if cell else None

    ratios = {
        "reused_warden_over_stock": ratio(rps("warden", "reused"), rps("stock", "reused")),
        "reused_warden_over_bare": ratio(rps("warden", "reused"), rps("bare", "reused")),
        "ping_warden_over_stock": ratio(rps("warden", "ping"), rps("stock", "ping")),
        "ping_warden_over_bare": ratio(rps("warden", "ping"), rps("bare", "ping")),
        "fresh_warden_over_bare": ratio(rps("warden", "fresh"), rps("bare", "fresh")),
        "fresh_warden_over_stock": ratio(rps("warden", "fresh"), rps("stock", "fresh")),
        "reused_over_ping_warden": ratio(rps("warden", "reused"), rps("warden", "ping")),
        "reused_over_ping_stock": ratio(rps("stock", "reused"), rps("stock", "ping")),
        "reused_over_ping_bare": ratio(rps("bare", "reused"), rps("bare", "ping")),
        "reused_introspect_over_warden": ratio(rps("introspect", "reused"), rps("warden", "reused")),
        # the same comparisons in the server's CPU per request: ping's CPU / reused's CPU, so that,
        # like the req/s ratios, higher is better for the first-named side
        "reused_over_ping_warden_cpu": ratio(cpu("warden", "ping"), cpu("warden", "reused")),
        "reused_warden_over_stock_cpu": ratio(cpu("stock", "reused"), cpu("warden", "reused")),
        "reused_warden_over_bare_cpu": ratio(cpu("bare", "reused"), cpu("warden", "reused")),
        "fresh_warden_over_stock_cpu": ratio(cpu("stock", "fresh"), cpu("warden", "fresh")),
        "reused_introspect_over_warden_cpu": ratio(cpu("warden", "reused"), cpu("introspect", "reused")),
    }
    # the judged ratios, also round by round: the two sides of a round ran within seconds of each
    # other, whereas the medians above may come from different rounds of a drifting machine
    pairs = {
        "reused_over_ping_warden": (("warden", "reused"), ("warden", "ping")),
        "reused_warden_over_stock": (("warden", "reused"), ("stock", "reused")),
        "reused_warden_over_bare": (("warden", "reused"), ("bare", "reused")),
        "fresh_warden_over_stock": (("warden", "fresh"), ("stock", "fresh")),
        "reused_introspect_over_warden": (("introspect", "reused"), ("warden", "reused")),
    }
    by_round = {}
    for (server, scenario, round_), value in per_round.items():
        by_round.setdefault(round_, {})[(server, scenario)] = value
    per_round_ratios = {}
    for key, (a, b) in pairs.items():
        values = [cells_[a] / cells_[b] for _, cells_ in sorted(by_round.items()) if a in cells_ and b in cells_]
        if values:
            per_round_ratios[key] = {"median": statistics.median(values), "rounds": [round(v, 3) for v in values]}
    fresh = cells.get(("warden", "fresh"))
    hit_ratio = None
    if fresh and (fresh["warden_cache_hits"] or fresh["warden_cache_misses"]):
        hit_ratio = fresh["warden_cache_hits"] / (fresh["warden_cache_hits"] + fresh["warden_cache_misses"])
    introspect = cells.get(("introspect", "reused"))
    introspect_hit_ratio = None
    if introspect and (introspect["warden_cache_hits"] or introspect["warden_cache_misses"]):
        introspect_hit_ratio = introspect["warden_cache_hits"] / (
            introspect["warden_cache_hits"] + introspect["warden_cache_misses"])
    warden_fresh = [r for r in runs if r["server"] == "warden" and r["scenario"] == "fresh"]
    fresh_sent = max((r.get("fresh_before", 0) + r["wrk"]["requests"] for r in warden_fresh), default=0)
    return {
        "settings": settings,
        "results": [cells[key] for key in sorted(cells, key=lambda k: (SCENARIOS.index(k[1]), SERVERS.index(k[0])))],
        "ratios": ratios,
        "per_round_ratios": per_round_ratios,
        "targets": TARGETS,
        "warden_fresh_cache_hit_ratio": hit_ratio,
        "introspection_cache_hit_ratio": introspect_hit_ratio,
        "warden_fresh_tokens_sent": fresh_sent,
    }


def fmt(value, pattern="{:.2f}"):
    return "n/a" if value is None else pattern.format(value)


def print_report(summary):
    s = summary["settings"]
    print()
    print(f"HTTP load (wrk -t{s['threads']} -c{s['connections']} -d{s['duration']} --latency, "
          f"{s['rounds']} round(s), median; {s['alg']} tokens; {s['tokens']} fresh tokens; {s['cpus']} CPUs)")
    print(f"{'scenario':44} {'server':10} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'CPU µs/req':>11} {'errors':>7}")
    for cell in summary["results"]:
        print(f"{cell['label']:44} {cell['server']:10} {cell['requests_per_second']:9.0f} "
              f"{cell['p50_ms']:8.2f} {cell['p99_ms']:8.2f} {fmt(cell.get('server_cpu_us_per_request'), '{:11.1f}'):>11} "
              f"{cell['errors']:7d}")
    r = summary["ratios"]
    t = summary["targets"]
    print()

    def line(name, key, target=None):
        value = r.get(key)
        verdict = ""
        if target is not None and value is not None:
            verdict = f"   (target >= {target:.2f}: {'met' if value >= target else 'NOT met'})"
        by_cpu = r.get(key + "_cpu")
        in_cpu = f"   [by server CPU per request: {fmt(by_cpu)}]" if by_cpu is not None else ""
        print(f"  {name:46} {fmt(value)}{verdict}{in_cpu}")
        rounds = summary.get("per_round_ratios", {}).get(key)
        if rounds:
            judged = ""
            if target is not None:
                judged = f"   (target >= {target:.2f}: {'met' if rounds['median'] >= target else 'NOT met'})"
            print(f"  {'  round by round: median':46} {fmt(rounds['median'])}{judged}   "
                  f"[{', '.join(fmt(v) for v in rounds['rounds'])}]")

    print("Ratios (req/s):")
    line("Warden: reused-token /api/orders / /public/ping", "reused_over_ping_warden", t["reused_over_ping_warden"])
    line("reused token: Warden / stock (same instruments)", "reused_warden_over_stock", t["reused_warden_over_stock"])
    line("reused token: Warden / bare stock", "reused_warden_over_bare", t["reused_warden_over_bare"])
    line("fresh tokens: Warden / stock", "fresh_warden_over_stock", t["fresh_warden_over_stock"])
    line("fresh tokens: Warden / bare stock", "fresh_warden_over_bare")
    line("/public/ping: Warden / stock", "ping_warden_over_stock")
    line("/public/ping: Warden / bare stock", "ping_warden_over_bare")
    line("stock: reused-token /api/orders / /public/ping", "reused_over_ping_stock")
    line("bare: reused-token /api/orders / /public/ping", "reused_over_ping_bare")
    if r.get("reused_introspect_over_warden") is not None:
        line("reused token: introspection on / JWT-only", "reused_introspect_over_warden",
             t["reused_introspect_over_warden"])
        hit = summary.get("introspection_cache_hit_ratio")
        if hit is not None:
            print(f"  {'introspection cache hit ratio (reused token)':46} {hit:.2%}")
    hit = summary["warden_fresh_cache_hit_ratio"]
    if hit is not None:
        note = "" if hit < 0.01 else "  (tokens were reused: raise TOKENS for purely fresh tokens)"
        print(f"  {'Warden cache hit ratio in the fresh runs':46} {hit:.1%}{note}")
    sent = summary.get("warden_fresh_tokens_sent", 0)
    if sent:
        wrapped = "" if sent <= s["tokens"] else "  (more than TOKENS: the list started over)"
        print(f"  {'fresh-token requests sent to Warden (all runs)':46} {sent} of {s['tokens']} tokens{wrapped}")
    errors = sum(c["errors"] for c in summary["results"])
    if errors:
        print(f"WARNING: {errors} wrk errors (non-2xx answers, timeouts or socket errors): see benchmarks/target/http/runs/")


def write_csv(summary, path):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["server", "scenario", "rounds", "requests_per_second", "p50_ms", "p99_ms",
                         "server_cpu_us_per_request", "errors"])
        for cell in summary["results"]:
            writer.writerow([cell["server"], cell["scenario"], cell["rounds"],
                             f"{cell['requests_per_second']:.1f}", f"{cell['p50_ms']:.3f}",
                             f"{cell['p99_ms']:.3f}", fmt(cell.get("server_cpu_us_per_request"), "{:.2f}"),
                             cell["errors"]])
        for key, value in summary["ratios"].items():
            writer.writerow(["ratio", key, "", fmt(value, "{:.3f}"), "", "", "", ""])


def main(argv):
    if len(argv) != 5:
        sys.exit(__doc__)
    runs = load_runs(argv[1])
    with open(argv[2], encoding="utf-8") as handle:
        settings = json.load(handle)
    summary = summarise(runs, settings)
    with open(argv[3], "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2)
    write_csv(summary, argv[4])
    print_report(summary)
    print(f"\nwritten: {argv[3]}, {argv[4]}")


if __name__ == "__main__":
    main(sys.argv)
