"""Print the modules over 400 lines and the functions over 60 lines in app/, ui/ and db/.

Issue 14 asks for small modules named for what they hold; this is the measure before and
after a split. A function's length is its source span (decorators to last line), nested
functions counted both in their own right and inside the function that holds them.
Usage: python tools/size-report.py [--module-lines N] [--function-lines N] [ROOT]
"""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

PACKAGES = ("app", "ui", "db")


def _functions(tree: ast.AST) -> list[tuple[str, int, int]]:
    """Each function's qualified name, first line and line count."""
    found: list[tuple[str, int, int]] = []

    def walk(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first = min([child.lineno, *(d.lineno for d in child.decorator_list)])
                length = (child.end_lineno or child.lineno) - first + 1
                found.append((prefix + child.name, child.lineno, length))
                walk(child, prefix + child.name + ".")
            elif isinstance(child, ast.ClassDef):
                walk(child, prefix + child.name + ".")
            else:
                walk(child, prefix)

    walk(tree, "")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=str(Path(__file__).resolve().parent.parent))
    parser.add_argument("--module-lines", type=int, default=400)
    parser.add_argument("--function-lines", type=int, default=60)
    args = parser.parse_args()
    root = Path(args.root)
    modules: list[tuple[int, str]] = []
    functions: list[tuple[int, str]] = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            rel = path.relative_to(root).as_posix()
            lines = len(text.splitlines())
            if lines > args.module_lines:
                modules.append((lines, rel))
            for name, line, length in _functions(ast.parse(text)):
                if length > args.function_lines:
                    functions.append((length, f"{rel}:{line} {name}"))
    print(f"modules over {args.module_lines} lines: {len(modules)}")
    for lines, rel in sorted(modules, reverse=True):
        print(f"  {lines:5d}  {rel}")
    print(f"functions over {args.function_lines} lines: {len(functions)}")
    for length, where in sorted(functions, reverse=True):
        print(f"  {length:5d}  {where}")


if __name__ == "__main__":
    main()
