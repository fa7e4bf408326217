"""Inputs: finding files (files.py) and turning their bytes into text (decode.py and friends).

Inputs are only ever opened for reading.
"""

from .decode import DEFAULT_MAX_BYTES, Document, InputError, decode, read_document

__all__ = ["DEFAULT_MAX_BYTES", "Document", "InputError", "decode", "read_document"]
