"""Strict YAML reading for the shipped data files: every mapping remembers the line of each
key, so that an error can say "stages.votingday (line 12): unknown key" instead of a traceback.
No Django here: the detector and the command line read the same files."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import yaml


class DataFileError(ValueError):
    """A data file that does not follow its format; the message names the key and line."""


class LineDict(dict[str, Any]):
    """A mapping that knows the (1-based) line of each of its keys and of itself."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise DataFileError(f"line {key_node.start_mark.line + 1}: keys must be text")
        if key in result:
            raise DataFileError(f"{key} (line {key_node.start_mark.line + 1}): duplicate key")
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(text: str, *, name: str = "file") -> Any:
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "unknown line"
        raise DataFileError(f"{name}: not valid YAML at {where}: {exc}") from exc


def line_of(mapping: Any, key: str) -> int:
    return mapping.line_of(key) if isinstance(mapping, LineDict) else 0


def check_keys(
    mapping: Any, *, where: str, required: Iterable[str], optional: Iterable[str] = ()
) -> None:
    """Refuse a mapping that lacks a required key or has one we do not know."""
    if not isinstance(mapping, Mapping):
        raise DataFileError(f"{where}: expected a mapping of keys")
    required, allowed = set(required), set(required) | set(optional)
    for key in mapping:
        if key not in allowed:
            raise DataFileError(f"{where}.{key} (line {line_of(mapping, key)}): unknown key")
    for key in sorted(required):
        if key not in mapping or mapping[key] is None:
            line = mapping.line if isinstance(mapping, LineDict) else 0
            raise DataFileError(f"{where}.{key} (line {line}): required key is missing")
