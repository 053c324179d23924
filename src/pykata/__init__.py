"""pykata: Python interview katas that grade themselves."""

__version__ = "0.1.0"
