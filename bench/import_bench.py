"""Import speed and memory: `kg import acled` on generated ACLED rows, then a whole-store dump.

For each row count, writes the rows with `bench/acled_gen.py` (once; kept in --work), imports
them into a fresh store with the real CLI (`kg import acled FILE --quiet`, resolution on unless
--no-resolve), and reports rows/s and the command's peak RSS (from wait4, its own process).
Then dumps the store through the web service's view (`GET /api/export/nquads` on the Flask app,
streamed to nowhere) in a process of its own: bytes, seconds and peak RSS.

Usage::

    python bench/import_bench.py --rows 100000 1000000 [--no-resolve] [--work /tmp/kgbench]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEAK = """
import atexit, sys
atexit.register(lambda: print("VmHWM", open("/proc/self/status").read().split("VmHWM:")[1].split()[0], flush=True))
"""  # the peak RSS of this process alone (ru_maxrss of a child also counts its parent's, from before exec)
IMPORT = PEAK + """
from kg.cli import cli
cli(sys.argv[1:], prog_name="kg")
"""
DUMP = PEAK + """
import sys, time
from api import create_app
from kg.config import Settings
from kg.store import open_store
store = open_store(sys.argv[1], create=False)
client = create_app(Settings(store=sys.argv[1]), store=store).test_client()
started, size = time.monotonic(), 0
response = client.get("/api/export/nquads", buffered=False)
for piece in response.response:
    size += len(piece)
response.close()
print(response.status_code, size, round(time.monotonic() - started, 1), store.triple_count())
"""


def _run(script: str, args: list[str]) -> tuple[int, float, int, str]:
    """(exit status, seconds, peak RSS in MB, output) of a Python `script` run with `args`."""
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, capture_output=True, text=True)
    peak = next(int(line.split()[1]) for line in done.stdout.splitlines() if line.startswith("VmHWM"))
    output = "\n".join(line for line in (done.stdout + done.stderr).splitlines() if not line.startswith("VmHWM"))
    return done.returncode, time.monotonic() - started, peak // 1024, output


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = int(Path("/proc/meminfo").read_text().split()[1]) // (1024 * 1024)
    return f"{os.cpu_count()} cores ({cpu}), {memory} GiB, Python {platform.python_version()}"


def bench(rows: int, work: Path, resolve: bool) -> dict:
    data = work / f"acled-{rows}.csv"
    if not data.exists():
        subprocess.run([sys.executable, "bench/acled_gen.py", "--rows", str(rows), "--out", str(data)], cwd=ROOT,
                       check=True)
    store = work / f"store-{rows}{'' if resolve else '-noresolve'}"
    subprocess.run(["rm", "-rf", str(store)], check=True)
    load_before = os.getloadavg()
    command = ["import", "acled", str(data), "--store", str(store), "--quiet"] + ([] if resolve else ["--no-resolve"])
    status, seconds, peak, output = _run(IMPORT, command)
    result = {"rows": rows, "resolve": resolve, "exit": status, "seconds": round(seconds, 1),
              "rows_per_s": round(rows / seconds, 1), "peak_rss_mb": peak, "summary": output.strip()[-300:],
              "load": [load_before, os.getloadavg()], "command": "kg " + " ".join(command)}
    status, seconds, peak, output = _run(DUMP, [str(store)])
    code, size, dump_seconds, quads = output.split()[-4:]
    result["dump"] = {"status": int(code), "bytes": int(size), "seconds": float(dump_seconds), "quads": int(quads),
                      "peak_rss_mb": peak}
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/kgbench"))
    parser.add_argument("--no-resolve", action="store_true", help="import with --no-resolve")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"# {machine()}, {time.strftime('%Y-%m-%d %H:%M')}", flush=True)
    for rows in args.rows:
        print(json.dumps(bench(rows, args.work, not args.no_resolve)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
