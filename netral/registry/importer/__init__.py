"""Importing registry files (CSV, XLSX): `run_create` checks the options, `import_run` reads,
checks, stages and merges (see `run.py`); the format is in docs/registry-format.md."""

from netral.registry.importer.run import ImportProblem, Options, import_run, run_create

__all__ = ["ImportProblem", "Options", "import_run", "run_create"]
