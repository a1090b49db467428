"""Slipway's minimal stand-in for seldon-core's Python package.

Put on the path of a Slipway Python worker only when the interpreter cannot import the real seldon_core:
enough for a user model class to import what it uses (SeldonComponent, SeldonResponse, the exceptions,
Storage.download of an already local path). Serving itself is Slipway's (Java) job.
"""
from seldon_core.version import __version__
from seldon_core.storage import Storage

__all__ = ["Storage", "__version__"]
