"""Synthetic data in the real data model, N times the size of data/, for the benchmark.

`python -m tools.synth OUT --factor N` writes OUT as a copy of data/ plus N - 1 clones
of every plan (plan-2022-s2, plan-2022-s3, ...), each with its measures, reports and
meetings. Clones are never the current plan, and every reference in a clone (pillar and
measure lineage, a report's plan, measures and meetings) points into the same clone,
so `python -m plansite check OUT` passes. Factor 1 is an exact copy of data/.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent

# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """Safe YAML with dates kept as text, as hooks/plansite/load.py reads them."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def _write(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(text, encoding="utf-8")


# A name with the clone's number, in both languages: "2022 Plan (copy 3)" / "2022年プラン（複製3）".
def _marked(text: dict | None, copy: int) -> dict | None:
    if not text:
        return text
    marked = dict(text)
    marked["en"] = f"{text['en']} (copy {copy})"
    if "ja" in text:
        marked["ja"] = f"{text['ja']}（複製{copy}）"
    return marked


def _plan_id(plan: str, copy: int) -> str:
    return f"{plan}-s{copy}"


# "plan-2017/1" or "measures-2016/1-1" -> the same pillar or measure in the clone.
def _ref(ref: str, copy: int) -> str:
    plan, _, rest = ref.partition("/")
    return f"{_plan_id(plan, copy)}/{rest}"


# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# Write `out` as data/ scaled `factor` times; returns what was written, by kind.
def generate(source: Path, out: Path, factor: int) -> dict[str, int]:
    if factor < 1:
        raise ValueError("the factor must be 1 or more")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(source, out)

    plans = {path.stem: _read(path) for path in sorted((source / "plans").glob("*.yaml"))}
    reports = {path.stem: _read(path) for path in sorted((source / "reports").glob("*.yaml"))}
    meetings = {path.stem: _read(path) for path in sorted((source / "meetings").glob("*.yaml"))}
    measures = {
        (path.parent.name, path.name): _read(path) for path in sorted((source / "measures").glob("*/*.yaml"))
    }
    # Fiscal years must be unique across reports: clones take the years after the real ones.
    used_years = {report["fiscal_year"] for report in reports.values()}
    next_year = max(used_years, default=2000) + 1

    for copy in range(2, factor + 1):
        for plan_id, raw in plans.items():
            plan = dict(raw)
            plan["id"] = _plan_id(plan_id, copy)
            plan["title"] = _marked(raw["title"], copy)
            plan["short_title"] = _marked(raw["short_title"], copy)
            plan["current"] = False
            plan["pillars"] = [
                dict(p, continues=_ref(p["continues"], copy)) if p.get("continues") else p for p in raw["pillars"]
            ]
            _write(out / "plans" / f"{plan['id']}.yaml", plan)

        for (plan_id, name), raw in measures.items():
            measure = dict(raw)
            measure["plan"] = _plan_id(raw["plan"], copy)
            if raw.get("continues"):
                measure["continues"] = [_ref(ref, copy) for ref in raw["continues"]]
            _write(out / "measures" / _plan_id(plan_id, copy) / name, measure)

        for meeting_id, raw in meetings.items():
            meeting = dict(raw, id=f"{meeting_id}-s{copy}", title=_marked(raw["title"], copy))
            _write(out / "meetings" / f"{meeting['id']}.yaml", meeting)

        for raw in reports.values():
            while next_year in used_years:
                next_year += 1
            used_years.add(next_year)
            # A report's id is its fiscal year (data/reports/fy2019.yaml), so a clone's is too.
            report = dict(raw, id=f"fy{next_year}", fiscal_year=next_year, title=_marked(raw["title"], copy))
            report["plan"] = _plan_id(raw["plan"], copy)
            report["items"] = [
                dict(
                    item,
                    measures=[_ref(ref, copy) for ref in item["measures"]],
                    **({"meeting": f"{item['meeting']}-s{copy}"} if item.get("meeting") else {}),
                )
                for item in raw["items"]
            ]
            _write(out / "reports" / f"{report['id']}.yaml", report)

    return {
        "plans": len(plans) * factor,
        "measures": len(measures) * factor,
        "reports": len(reports) * factor,
        "meetings": len(meetings) * factor,
    }


# Validate a data folder with the project's own checker; returns (ok, its message).
def check(data_dir: Path, python: str = sys.executable) -> tuple[bool, str]:
    result = subprocess.run(
        [python, "-m", "plansite", "check", str(data_dir)],
        cwd=ROOT / "hooks",
        capture_output=True,
        text=True,
    )
    return result.returncode == 0, (result.stdout + result.stderr).strip()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the folder to write (replaced if it exists)")
    parser.add_argument("--factor", type=int, default=5, help="how many times the real data (default 5)")
    parser.add_argument("--source", type=Path, default=ROOT / "data", help="the data to scale (default data/)")
    parser.add_argument("--no-check", action="store_true", help="skip `python -m plansite check`")
    args = parser.parse_args(argv)
    counts = generate(args.source, args.out, args.factor)
    print(f"Wrote {args.out}: " + ", ".join(f"{count} {kind}" for kind, count in counts.items()))
    if args.no_check:
        return 0
    ok, message = check(args.out.resolve())
    print(message)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
