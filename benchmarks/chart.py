#!/usr/bin/env python3
"""Draws docs/benchmarks.png from the JMH and HTTP results (standard library only).

    benchmarks/chart.py [--jmh benchmarks/target/jmh.json] [--http benchmarks/target/http-results.json]
                        [--out docs/benchmarks.png]

Output: docs/benchmarks.png (by default), a PNG written with zlib + struct and a built-in 5x7
bitmap font: token decode throughput per algorithm (log scale) from JMH, and req/s with p50/p99
per scenario and server from the HTTP benchmark, with the ratios of both runs. Either input may be
missing; its panel is then left out. A run shorter than a measurement (JMH iterations under 2 s or
fewer than 2 warm-up iterations; wrk runs under 5 s or fewer than 3 rounds) is marked SMOKE-LEVEL.
"""
import argparse
import json
import math
import os
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ next to the sources
sys.path.insert(0, HERE)
import jmh_report  # noqa: E402  (same folder)

# --- 5x7 bitmap font --------------------------------------------------------------------------------
_GLYPHS = {
    " ": "00000 00000 00000 00000 00000 00000 00000",
    "!": "00100 00100 00100 00100 00100 00000 00100",
    '"': "01010 01010 01010 00000 00000 00000 00000",
    "#": "01010 01010 11111 01010 11111 01010 01010",
    "$": "00100 01111 10100 01110 00101 11110 00100",
    "%": "11000 11001 00010 00100 01000 10011 00011",
    "&": "01100 10010 10100 01000 10101 10010 01101",
    "'": "00100 00100 01000 00000 00000 00000 00000",
    "(": "00010 00100 01000 01000 01000 00100 00010",
    ")": "01000 00100 00010 00010 00010 00100 01000",
    "*": "00000 00100 10101 01110 10101 00100 00000",
    "+": "00000 00100 00100 11111 00100 00100 00000",
    ",": "+5 01100 00100 01000",
    "-": "00000 00000 00000 11111 00000 00000 00000",
    ".": "00000 00000 00000 00000 00000 01100 01100",
    "/": "00000 00001 00010 00100 01000 10000 00000",
    "0": "01110 10001 10011 10101 11001 10001 01110",
    "1": "00100 01100 00100 00100 00100 00100 01110",
    "2": "01110 10001 00001 00010 00100 01000 11111",
    "3": "11111 00010 00100 00010 00001 10001 01110",
    "4": "00010 00110 01010 10010 11111 00010 00010",
    "5": "11111 10000 11110 00001 00001 10001 01110",
    "6": "00110 01000 10000 11110 10001 10001 01110",
    "7": "11111 00001 00010 00100 01000 01000 01000",
    "8": "01110 10001 10001 01110 10001 10001 01110",
    "9": "01110 10001 10001 01111 00001 00010 01100",
    ":": "00000 01100 01100 00000 01100 01100 00000",
    ";": "00000 01100 01100 00000 01100 00100 01000",
    "<": "00010 00100 01000 10000 01000 00100 00010",
    "=": "00000 00000 11111 00000 11111 00000 00000",
    ">": "01000 00100 00010 00001 00010 00100 01000",
    "?": "01110 10001 00001 00010 00100 00000 00100",
    "@": "01110 10001 00001 01101 10101 10101 01110",
    "A": "01110 10001 10001 10001 11111 10001 10001",
    "B": "11110 10001 10001 11110 10001 10001 11110",
    "C": "01110 10001 10000 10000 10000 10001 01110",
    "D": "11100 10010 10001 10001 10001 10010 11100",
    "E": "11111 10000 10000 11110 10000 10000 11111",
    "F": "11111 10000 10000 11110 10000 10000 10000",
    "G": "01110 10001 10000 10111 10001 10001 01111",
    "H": "10001 10001 10001 11111 10001 10001 10001",
    "I": "01110 00100 00100 00100 00100 00100 01110",
    "J": "00111 00010 00010 00010 00010 10010 01100",
    "K": "10001 10010 10100 11000 10100 10010 10001",
    "L": "10000 10000 10000 10000 10000 10000 11111",
    "M": "10001 11011 10101 10101 10001 10001 10001",
    "N": "10001 10001 11001 10101 10011 10001 10001",
    "O": "01110 10001 10001 10001 10001 10001 01110",
    "P": "11110 10001 10001 11110 10000 10000 10000",
    "Q": "01110 10001 10001 10001 10101 10010 01101",
    "R": "11110 10001 10001 11110 10100 10010 10001",
    "S": "01111 10000 10000 01110 00001 00001 11110",
    "T": "11111 00100 00100 00100 00100 00100 00100",
    "U": "10001 10001 10001 10001 10001 10001 01110",
    "V": "10001 10001 10001 10001 10001 01010 00100",
    "W": "10001 10001 10001 10101 10101 10101 01010",
    "X": "10001 10001 01010 00100 01010 10001 10001",
    "Y": "10001 10001 10001 01010 00100 00100 00100",
    "Z": "11111 00001 00010 00100 01000 10000 11111",
    "[": "01110 01000 01000 01000 01000 01000 01110",
    "\\": "00000 10000 01000 00100 00010 00001 00000",
    "]": "01110 00010 00010 00010 00010 00010 01110",
    "^": "00100 01010 10001 00000 00000 00000 00000",
    "_": "00000 00000 00000 00000 00000 00000 11111",
    "`": "01000 00100 00010 00000 00000 00000 00000",
    "a": "00000 00000 01110 00001 01111 10001 01111",
    "b": "10000 10000 10110 11001 10001 10001 11110",
    "c": "00000 00000 01110 10000 10000 10001 01110",
    "d": "00001 00001 01101 10011 10001 10001 01111",
    "e": "00000 00000 01110 10001 11111 10000 01110",
    "f": "00110 01001 01000 11100 01000 01000 01000",
    "g": "+2 01111 10001 10001 01111 00001 00001 01110",
    "h": "10000 10000 10110 11001 10001 10001 10001",
    "i": "00100 00000 01100 00100 00100 00100 01110",
    "j": "00010 00000 00110 00010 00010 00010 00010 10010 01100",
    "k": "10000 10000 10010 10100 11000 10100 10010",
    "l": "01100 00100 00100 00100 00100 00100 01110",
    "m": "00000 00000 11010 10101 10101 10001 10001",
    "n": "00000 00000 10110 11001 10001 10001 10001",
    "o": "00000 00000 01110 10001 10001 10001 01110",
    "p": "+2 11110 10001 10001 11110 10000 10000 10000",
    "q": "+2 01111 10001 10001 01111 00001 00001 00001",
    "r": "00000 00000 10110 11001 10000 10000 10000",
    "s": "00000 00000 01110 10000 01110 00001 11110",
    "t": "01000 01000 11100 01000 01000 01001 00110",
    "u": "00000 00000 10001 10001 10001 10011 01101",
    "v": "00000 00000 10001 10001 10001 01010 00100",
    "w": "00000 00000 10001 10001 10101 10101 01010",
    "x": "00000 00000 10001 01010 00100 01010 10001",
    "y": "+2 10001 10001 10001 01111 00001 00001 01110",
    "z": "00000 00000 11111 00010 00100 01000 11111",
    "{": "00010 00100 00100 01000 00100 00100 00010",
    "|": "00100 00100 00100 00100 00100 00100 00100",
    "}": "01000 00100 00100 00010 00100 00100 01000",
    "~": "00000 00000 01000 10101 00010 00000 00000",
    "\u00b1": "00100 00100 11111 00100 00100 00000 11111",  # ±
    "\u00d7": "00000 10001 01010 00100 01010 10001 00000",  # ×
    "\u00f7": "00000 00100 00000 11111 00000 00100 00000",  # ÷
    "\u2264": "00010 00100 01000 00100 00010 00000 11111",  # ≤
    "\u2265": "01000 00100 00010 00100 01000 00000 11111",  # ≥
    "\u00b5": "+2 10001 10001 10001 10011 11101 10000 10000",  # µ
}


def _glyph(spec):
    """A glyph: rows of 5 pixels drawn from row 0, or from row N for "+N ..." (descenders)."""
    parts = spec.split()
    offset = int(parts[0][1:]) if parts[0].startswith("+") else 0
    return offset, [row for row in parts if not row.startswith("+")]


FONT = {ch: _glyph(spec) for ch, spec in _GLYPHS.items()}
LINE = 22  # line height of scale-2 text: 9 pixel rows (with descenders) x 2 + 4

WHITE = (255, 255, 255)
INK = (33, 37, 41)
MUTED = (108, 117, 125)
GRID = (222, 226, 230)
WARN = (176, 42, 55)
COLORS = {
    "nimbusRaw": (134, 142, 150),
    "springNimbusJwtDecoder": (64, 160, 96),
    "wardenCold": (28, 100, 180),
    "wardenColdNoCache": (110, 160, 220),
    "wardenRepeated": (13, 50, 110),
    "warden": (28, 100, 180),
    "stock": (64, 160, 96),
    "bare": (150, 150, 150),
}


class Canvas:
    def __init__(self, width, height):
        self.width = width
        self.height = height
        self.pixels = bytearray(WHITE * (width * height))

    def rect(self, x, y, w, h, color):
        x0, y0 = max(0, int(x)), max(0, int(y))
        x1, y1 = min(self.width, int(x + w)), min(self.height, int(y + h))
        if x1 <= x0 or y1 <= y0:
            return
        row = bytes(color) * (x1 - x0)
        for yy in range(y0, y1):
            start = (yy * self.width + x0) * 3
            self.pixels[start:start + len(row)] = row

    def text(self, x, y, string, color=INK, scale=2):
        cx = int(x)
        for ch in string:
            offset, glyph = FONT.get(ch, FONT["?"])
            for gy, row in enumerate(glyph):
                for gx, bit in enumerate(row):
                    if bit == "1":
                        self.rect(cx + gx * scale, y + (gy + offset) * scale, scale, scale, color)
            cx += 6 * scale
        return cx

    @staticmethod
    def text_width(string, scale=2):
        return len(string) * 6 * scale - scale

    def png(self, path):
        raw = bytearray()
        stride = self.width * 3
        for y in range(self.height):
            raw.append(0)
            raw.extend(self.pixels[y * stride:(y + 1) * stride])

        def chunk(kind, data):
            body = kind + data
            return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
                + chunk(b"IEND", b""))
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)


def thousands(value):
    return f"{value:,.0f}"


def short(value):
    for limit, suffix in ((1e6, "M"), (1e3, "k")):
        if value >= limit:
            number = value / limit
            return (f"{number:.0f}" if number >= 10 or number == int(number) else f"{number:.1f}") + suffix
    return f"{value:.0f}"


def fmt(value, pattern="{:.2f}"):
    return "n/a" if value is None else pattern.format(value)


# --- panels --------------------------------------------------------------------------------------
WIDTH = 1400
LEFT = 40
LABEL_W = 360
BAR_X = LEFT + LABEL_W
BAR_W = 600
ROW_H = 30
BAR_H = 20

JMH_NAMES = {
    "nimbusRaw": "raw Nimbus (fixed key)",
    "springNimbusJwtDecoder": "Spring NimbusJwtDecoder",
    "wardenCold": "Warden, new token",
    "wardenColdNoCache": "Warden, new token, no cache",
    "wardenRepeated": "Warden, repeated token",
}
HTTP_LABELS = {
    "reused": "GET /api/orders, one reused token",
    "ping": "GET /public/ping, no token",
    "fresh": "GET /api/orders, a new token on each request",
}


def paragraph(canvas, x, y, text, color=INK, scale=2):
    """Draws text wrapped at the right margin; returns the y below it."""
    per_line = max(10, (WIDTH - x - 20) // (6 * scale))
    line = ""
    for word in text.split(" "):
        candidate = word if not line else line + " " + word
        if len(candidate) > per_line and line:
            canvas.text(x, y, line, color, scale)
            y += LINE * scale // 2
            line = word
        else:
            line = candidate
    if line:
        canvas.text(x, y, line, color, scale)
        y += LINE * scale // 2
    return y


def axis(canvas, ticks, xpos, top, height):
    for value, label in ticks:
        gx = xpos(value)
        canvas.rect(gx, top - 4, 1, height + 4, GRID)
        canvas.text(gx - Canvas.text_width(label) / 2, top + height + 4, label, MUTED)
    return top + height + 4 + LINE


def draw_jmh(canvas, y, results, settings):
    y = paragraph(canvas, LEFT, y, "Token decoding (JMH): tokens per second, one thread, log scale; higher is better")
    y = paragraph(canvas, LEFT, y, f"{settings.get('forks')} fork(s) x {settings.get('iterations')} iterations of "
                                   f"{settings.get('iteration_time')} after {settings.get('warmup_iterations')} x "
                                   f"{settings.get('warmup_time')} warm-up. New tokens: {settings.get('ring')} distinct "
                                   f"tokens in turn, none served from a cache. {settings.get('jvm')}.", MUTED)
    y += 12
    values = [cell["ops"] for cell in results.values()]
    low = 10 ** math.floor(math.log10(max(1.0, min(values)) / 2))
    high = 10 ** math.ceil(math.log10(max(values) * 1.05))

    def xpos(value):
        return BAR_X + BAR_W * (math.log10(max(value, low)) - math.log10(low)) / (math.log10(high) - math.log10(low))

    ticks = []
    decade = low
    while decade <= high:
        ticks.append((decade, short(decade)))
        decade *= 10
    for alg in jmh_report.algorithms(results):
        canvas.text(LEFT, y, alg, INK, scale=3)
        y += 34
        top = y
        rows = [m for m in jmh_report.ORDER if (alg, m) in results and m in JMH_NAMES]
        for method in rows:
            cell = results[(alg, method)]
            canvas.text(LEFT + 10, y + 3, JMH_NAMES[method], INK)
            end = xpos(cell["ops"])
            canvas.rect(BAR_X, y, end - BAR_X, BAR_H, COLORS[method])
            error = f" \u00b1 {thousands(cell['error'])}" if cell.get("error") else ""
            label = f"{thousands(cell['ops'])}{error} /s  ({1e6 / cell['ops']:.2f} \u00b5s each)"
            canvas.text(end + 8, y + 3, label, INK)
            y += ROW_H
        y = axis(canvas, ticks, xpos, top, len(rows) * ROW_H) + 4
        r = jmh_report.ratios(results, alg)
        target = jmh_report.TARGETS
        y = paragraph(canvas, LEFT + 10, y,
                      f"Warden new-token time \u00f7 raw Nimbus time: {fmt(r['cold_over_nimbus_time'])} "
                      f"(target \u2264 {target['cold_over_nimbus_time']}); without the cache: "
                      f"{fmt(r['cold_nocache_over_nimbus_time'])}")
        y = paragraph(canvas, LEFT + 10, y,
                      f"Warden repeated token vs new token: {fmt(r['repeated_over_cold_speedup'], '{:.0f}')}\u00d7 "
                      f"faster (target \u2265 {target['repeated_over_cold_speedup']:.0f}\u00d7)")
        y = paragraph(canvas, LEFT + 10, y,
                      f"Warden new-token time \u00f7 Spring NimbusJwtDecoder time: {fmt(r['cold_over_spring_time'])}")
        y += 26
    return y


def draw_http(canvas, y, summary):
    s = summary["settings"]
    y = paragraph(canvas, LEFT, y, "HTTP (wrk): requests per second, median of the rounds; higher is better")
    y = paragraph(canvas, LEFT, y, f"wrk -t{s['threads']} -c{s['connections']} -d{s['duration']} --latency, "
                                   f"{s['rounds']} round(s) after {s['warmup']} of warm-up per scenario, on loopback, "
                                   f"{s['cpus']} CPUs shared by wrk and the server; {s['alg']} tokens. "
                                   f"warden = sample-api.jar; stock = Spring Boot resource server "
                                   f"(Boot auto-configuration) with the same Actuator + Prometheus; bare = the same "
                                   f"stock server without them.", MUTED)
    y += 12
    cells = {(c["server"], c["scenario"]): c for c in summary["results"]}
    peak = max(c["requests_per_second"] for c in summary["results"])
    step = 10 ** math.floor(math.log10(peak))
    for candidate in (0.2, 0.5, 1, 2, 5, 10):
        if peak / (step * candidate) <= 6:
            step *= candidate
            break
    high = math.ceil(peak * 1.02 / step) * step

    def xpos(value):
        return BAR_X + BAR_W * value / high

    top = y
    for scenario, title in HTTP_LABELS.items():
        present = [server for server in ("warden", "stock", "bare") if (server, scenario) in cells]
        if not present:
            continue
        canvas.text(LEFT, y, title, INK)
        y += LINE
        for server in present:
            cell = cells[(server, scenario)]
            canvas.text(BAR_X - Canvas.text_width(server) - 12, y + 3, server, COLORS[server])
            end = xpos(cell["requests_per_second"])
            canvas.rect(BAR_X, y, end - BAR_X, BAR_H, COLORS[server])
            label = (f"{thousands(cell['requests_per_second'])} /s  p50 {cell['p50_ms']:.1f} ms  "
                     f"p99 {cell['p99_ms']:.1f} ms" + (f"  {cell['errors']} errors" if cell["errors"] else ""))
            canvas.text(end + 8, y + 3, label, WARN if cell["errors"] else INK)
            y += ROW_H
        y += 8
    ticks = []
    tick = 0
    while tick <= high:
        ticks.append((tick, short(tick)))
        tick += step
    y = axis(canvas, ticks, xpos, top, y - top) + 4
    r = summary["ratios"]
    t = summary["targets"]
    y = paragraph(canvas, LEFT + 10, y,
                  f"Warden \u00f7 stock: reused token {fmt(r['reused_warden_over_stock'])} "
                  f"(target \u2265 {t['reused_warden_over_stock']:.2f}); new tokens {fmt(r['fresh_warden_over_stock'])} "
                  f"(target \u2265 {t['fresh_warden_over_stock']:.2f}); ping {fmt(r['ping_warden_over_stock'])}")
    if r.get("reused_warden_over_bare") is not None:
        y = paragraph(canvas, LEFT + 10, y,
                      f"Warden \u00f7 bare stock: reused token {fmt(r['reused_warden_over_bare'])} "
                      f"(target \u2265 {t['reused_warden_over_bare']:.2f}); new tokens {fmt(r.get('fresh_warden_over_bare'))}; "
                      f"ping {fmt(r.get('ping_warden_over_bare'))}")
    y = paragraph(canvas, LEFT + 10, y,
                  f"Warden /api/orders (reused token) \u00f7 Warden /public/ping: {fmt(r['reused_over_ping_warden'])} "
                  f"(target \u2265 {t['reused_over_ping_warden']:.2f}); the same for stock: "
                  f"{fmt(r['reused_over_ping_stock'])}")
    hit = summary.get("warden_fresh_cache_hit_ratio")
    if hit is not None:
        y = paragraph(canvas, LEFT + 10, y,
                      f"Warden cache hits in the new-token runs: {hit:.1%} "
                      f"({summary.get('warden_fresh_tokens_sent', 0):,} requests, {s['tokens']:,} distinct tokens)")
    return y + 20


def is_smoke_jmh(settings, results):
    return (any(cell["samples"] < 3 for cell in results.values())
            or _seconds(settings.get("iteration_time")) < 2 or (settings.get("warmup_iterations") or 0) < 2)


def is_smoke_http(summary):
    s = summary["settings"]
    return _seconds(s.get("duration")) < 5 or int(s.get("rounds", 0)) < 3


def _seconds(text):
    if text is None:
        return 0
    text = str(text).strip()
    try:
        if text.endswith("ms"):
            return float(text[:-2]) / 1000
        if text.endswith("s"):
            return float(text[:-1].strip())
        if text.endswith("m"):
            return float(text[:-1]) * 60
        return float(text)
    except ValueError:
        return 0


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = os.path.dirname(HERE)
    parser.add_argument("--jmh", default=os.path.join(HERE, "target", "jmh.json"))
    parser.add_argument("--http", default=os.path.join(HERE, "target", "http-results.json"))
    parser.add_argument("--out", default=os.path.join(root, "docs", "benchmarks.png"))
    args = parser.parse_args(argv[1:])

    jmh = None
    if os.path.isfile(args.jmh):
        results, settings = jmh_report.load(args.jmh)
        if results:
            jmh = (results, settings)
    http = None
    if os.path.isfile(args.http):
        with open(args.http, encoding="utf-8") as handle:
            http = json.load(handle)
        if not http.get("results"):
            http = None
    if not jmh and not http:
        sys.exit(f"nothing to draw: neither {args.jmh} nor {args.http} has results")

    smoke = bool((jmh and is_smoke_jmh(jmh[1], jmh[0])) or (http and is_smoke_http(http)))
    canvas = Canvas(WIDTH, 4000)
    canvas.text(LEFT, 24, "Warden benchmarks", INK, scale=3)
    if smoke:
        canvas.text(LEFT + Canvas.text_width("Warden benchmarks", 3) + 30, 28,
                    "SMOKE-LEVEL RUN: these numbers are not measurements", WARN)
    y = 80
    if jmh:
        y = draw_jmh(canvas, y, jmh[0], jmh[1])
    if http:
        y = draw_http(canvas, y, http)
    canvas.height = min(canvas.height, y + 10)
    canvas.pixels = canvas.pixels[:canvas.width * canvas.height * 3]
    canvas.png(args.out)
    print(f"written: {args.out} ({canvas.width}x{canvas.height})")


if __name__ == "__main__":
    main(sys.argv)
