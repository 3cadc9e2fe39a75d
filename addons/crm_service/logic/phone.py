# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Matching a caller's phone number to the numbers on file (no Odoo needed)."""
import re

# Digits compared from the end: the subscriber number and the area code, without
# the country or trunk prefixes written differently ("+86 21 ..." and "021 ...").
COMPARED_DIGITS = 9
# Fewer digits than that is not a phone number that identifies anyone.
MIN_DIGITS = 6

_NOT_DIGIT = re.compile(r"\D")


def digits(number):
    """The digits of ``number`` (any text), as a string."""
    return _NOT_DIGIT.sub("", number or "")


def key(number):
    """The part of ``number`` compared to the numbers on file, or None when it
    has too few digits to identify anyone."""
    found = digits(number)
    if len(found) < MIN_DIGITS:
        return None
    return found[-COMPARED_DIGITS:]


def same_number(first, second):
    """Whether two numbers written differently are the same line."""
    first, second = key(first), key(second)
    if not first or not second:
        return False
    size = min(len(first), len(second))
    return first[-size:] == second[-size:]
