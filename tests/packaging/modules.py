"""Load the scripts in packaging/ as modules (the folder is not a package, on purpose: a package
named ``packaging`` would shadow the PyPI library of that name, which pip and build import)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def load(name: str) -> ModuleType:
    """Import ``packaging/<name>.py`` (its siblings importable by bare name, as when it runs)."""
    if name in sys.modules:
        return sys.modules[name]
    if str(PACKAGING) not in sys.path:
        sys.path.append(str(PACKAGING))
    spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
