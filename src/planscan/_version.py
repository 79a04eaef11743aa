"""planscan's version, in one place; everyone imports it from here."""

__version__ = "1.0.0"
