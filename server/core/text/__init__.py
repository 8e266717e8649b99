"""Generated text, in one place: what the product writes for a rep (missions, notices, pushes,
contest explanations). The product speaks English (`english.py`); callers import this package
(`from server.core import text`) so a second language would change no caller."""

from server.core.text.english import clock, count, day, fill_target, moment, names, plural, points

__all__ = ["clock", "count", "day", "fill_target", "moment", "names", "plural", "points"]
