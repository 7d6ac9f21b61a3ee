"""gluteutils: the helper package of the Glutes for Runners curriculum.

The curriculum's notebooks import everything they need from here. Data tables
ship inside the package and are loaded and validated by
:func:`load_table`; errors name the file, row and column at fault.
"""

from ._version import __version__
from .environment import check_environment
from .errors import DataNotFoundError, DataValidationError, GluteutilsError, Problem
from .library import (
    check_references,
    cite,
    data_dir,
    load_all,
    load_sources,
    load_table,
    read_raw,
    sources_table,
    validate_frame,
)
from .schema import SCHEMAS, Column, TableSchema, schema_markdown

__all__ = [
    "SCHEMAS",
    "Column",
    "DataNotFoundError",
    "DataValidationError",
    "GluteutilsError",
    "Problem",
    "TableSchema",
    "__version__",
    "check_environment",
    "check_references",
    "cite",
    "data_dir",
    "load_all",
    "load_sources",
    "load_table",
    "read_raw",
    "schema_markdown",
    "sources_table",
    "validate_frame",
]
