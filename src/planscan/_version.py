"""planscan's version, in one place; everyone imports it from here."""

__version__ = "1.0.0"

# Where a website's operator reads what planscan is (named in its User-Agent).
PROJECT_URL = "https://pypi.org/project/planscan/"
