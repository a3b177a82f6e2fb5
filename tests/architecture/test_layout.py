"""What the import contracts (pyproject.toml, `make lint`) cannot say about the layout.

import-linter checks the layers between our packages; these tests read the
source for the rest: no HTTP in rules, services, models and the kernel
(``django.http`` is part of an external package, which import-linter does
not split), no imports hidden in functions to dodge a cycle, and modules
small enough to hold in mind.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "portal",
    "pages",
    "accounts",
    "polls",
    "comments",
    "departments",
    "search",
    "scheduling",
    "backups",
    "newsletters",
    "proposals",
    "theming",
)
FIRST_PARTY = {*APPS, "web", "participation", "demo"}
HTTP_MODULES = ("django.http", "django.shortcuts", "ninja", "rest_framework", "web")
MAX_LINES = 420

# Function-level imports of our own modules that are there for a reason
# other than a cycle: (module, function) -> why.
DEFERRED_IMPORTS = {
    ("accounts/forms.py", "add_consent_field"): "allauth loads the signup form from settings, "
    "before the app registry is ready",
    ("accounts/forms.py", "signup"): "as above",
    ("accounts/templatetags/mfa_policy.py", "mfa_required_for"): "tag libraries load with the "
    "template engine, whether or not allauth.mfa is installed",
    ("portal/api/snapshot.py", "main"): "a script: imports after django.setup()",
}
# Modules allowed to be longer: data, not logic.
LONG_MODULES = {
    "portal/settings/base.py": "the settings: a flat list of configuration",
    "bench/search/corpus.py": "the benchmark's German test corpus (data)",
}


def python_modules(*tops):
    for top in tops:
        for path in sorted((ROOT / top).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def imported_modules(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def speaks_http(module: str) -> bool:
    return any(module == name or module.startswith(f"{name}.") for name in HTTP_MODULES)


def domain_modules():
    for path in python_modules(*APPS, "participation"):
        kernel = relative(path).startswith("participation/")
        if kernel or path.stem in ("rules", "services", "models") or "models" in path.parent.parts:
            yield path


@pytest.mark.parametrize("path", list(domain_modules()), ids=relative)
def test_rules_services_models_and_the_kernel_speak_no_http(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert [module for module in imported_modules(tree) if speaks_http(module)] == []


def deferred_first_party_imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if function.name == "ready":  # AppConfig.ready: Django's place for start-up imports
            continue
        for module in imported_modules(function):
            if module.split(".")[0] in FIRST_PARTY:
                yield (relative(path), function.name), module


def test_no_imports_hide_in_functions_to_dodge_a_cycle():
    found = [
        f"{where[0]}:{where[1]} imports {module}"
        for path in python_modules(*APPS, "web", "participation")
        for where, module in deferred_first_party_imports(path)
        if where not in DEFERRED_IMPORTS
    ]
    assert found == []


def test_no_module_is_longer_than_one_person_holds_in_mind():
    long = [
        f"{relative(path)}: {lines} lines"
        for path in python_modules(*APPS, "web", "participation", "bench")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
        and relative(path) not in LONG_MODULES
    ]
    assert long == []
