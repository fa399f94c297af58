"""The package's layout rules (docs/architecture.md): stages import only earlier stages, no import
circle, no function-local import of the package's own modules, no module over 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "translate_eval"
MAX_MODULE_LINES = 400

#: The data flow, earliest first: a module may import its own stage or an earlier one.
STAGES: tuple[tuple[str, ...], ...] = (
    ("errors", "links", "labels"),
    ("text", "files", "sqlite_table", "documents", "corpora"),
    ("lexicon",),
    ("translate",),
    ("embed",),
    ("align",),
    ("score",),
    ("report",),
    ("pipeline", "signature", "outputs", "confidence"),
    ("scale",),
    ("cli", "__main__"),
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage_of(module: str) -> int | None:
    """The stage of ``translate_eval.X...`` (None for the package's ``__init__``)."""
    parts = module.split(".")
    if len(parts) < 2:
        return None
    for rank, names in enumerate(STAGES):
        if parts[1] in names:
            return rank
    raise AssertionError(f"{module} belongs to no stage: add it to STAGES and the docs")


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported_modules(node: ast.AST, module: str) -> list[str]:
    """The package modules an import statement names (``from a import b`` -> ``a.b`` when that
    is a module, else ``a``)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name.startswith("translate_eval")]
    if not isinstance(node, ast.ImportFrom) or not node.module:
        return []
    source = node.module
    if node.level or not source.startswith("translate_eval"):
        return []  # relative imports are not used in the package (ruff's isort keeps them out)
    names = []
    for alias in node.names:
        candidate = f"{source}.{alias.name}"
        names.append(candidate if candidate in MODULES else source)
    return names


def top_level_imports(module: str) -> set[str]:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:
        blocks = [node]
        if isinstance(node, ast.If):  # if TYPE_CHECKING: ...
            blocks = [*node.body, *node.orelse]
        for block in blocks:
            found.update(imported_modules(block, module))
    return found - {module}


def test_no_module_is_longer_than_the_limit() -> None:
    long = {
        name: lines
        for name, path in MODULES.items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, f"modules over {MAX_MODULE_LINES} lines: {long}"


def test_every_module_says_its_job_in_a_docstring() -> None:
    missing = [
        name for name, path in MODULES.items()
        if path.stat().st_size and not ast.get_docstring(ast.parse(path.read_text("utf-8")))
    ]
    assert not missing, f"modules without a docstring: {missing}"


def test_no_stage_imports_a_later_stage() -> None:
    upward = []
    for module in MODULES:
        own = stage_of(module)
        if own is None:
            continue
        for target in top_level_imports(module):
            their = stage_of(target)
            if their is not None and their > own:
                upward.append(f"{module} -> {target}")
    assert not upward, "imports from a later stage: " + ", ".join(upward)


def test_no_import_circle() -> None:
    graph = {module: top_level_imports(module) for module in MODULES}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph.get(module, ())):
            if target not in graph:
                continue
            if state.get(target) == 1:
                return [*path[path.index(target):], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[module] = 2
        return None

    for module in graph:
        if module not in state and (cycle := visit(module)):
            pytest.fail("import circle: " + " -> ".join(cycle))


def test_no_function_local_import_of_the_package() -> None:
    local = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if imported_modules(node, module):
                    local.append(f"{module}:{node.lineno}")
    assert not local, "function-local imports of translate_eval: " + ", ".join(local)


def test_the_rules_catch_what_they_forbid(tmp_path: Path) -> None:
    """The checkers above find an upward import and a local import in a made-up module."""
    source = (
        '"""x"""\nfrom translate_eval.cli import main\n\n\ndef f():\n'
        "    from translate_eval.text import arabic\n"
    )
    tree = ast.parse(source)
    top = [name for node in tree.body for name in imported_modules(node, "translate_eval.text")]
    assert stage_of(top[0]) > stage_of("translate_eval.text.arabic")
    local = [n for n in ast.walk(tree.body[2]) if imported_modules(n, "translate_eval.text")]
    assert len(local) == 1
