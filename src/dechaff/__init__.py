"""dechaff: clean scraped web text.

>>> import dechaff
>>> dechaff.clean_text("Post a Comment\\n\\n\\nThe article itself.\\n\\n\\n\\nNo comments:\\n")
'The article itself.\\n'
"""

from .config import RULE_NAMES, Config
from .document import CleanResult, Document, Metadata, Removal
from .errors import ConfigError, DechaffError, InputError, MissingExtraError, UsageError
from .fit import FitOptions, fit
from .model import Model
from .pipeline import clean, clean_text
from .spans import apply_removals

__version__ = "0.1.0"

__all__ = [
    "RULE_NAMES",
    "CleanResult",
    "Config",
    "ConfigError",
    "DechaffError",
    "Document",
    "FitOptions",
    "InputError",
    "Metadata",
    "MissingExtraError",
    "Model",
    "Removal",
    "UsageError",
    "__version__",
    "apply_removals",
    "clean",
    "clean_text",
    "fit",
]
