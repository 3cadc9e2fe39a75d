# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Validation of the public service request form (no Odoo needed)."""
import re

# Field of the public form -> (required, maximum length).
FIELDS = {
    "contact_name": (True, 128),
    "email": (True, 254),
    "phone": (False, 64),
    "subject": (True, 200),
    "description": (False, 5000),
}
# Filled in by robots only: hidden from people by the form's stylesheet.
HONEYPOT = "website_url"

# no % or backslash in an address: it is matched with =ilike ("_" is escaped there)
_EMAIL_RE = re.compile(r"^[^@\s<>,;\"'%\\]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


# Field of the portal's new request form -> (required, maximum length).
PORTAL_FIELDS = {
    "subject": (True, 200),
    "description": (True, 5000),
}


def _check_text(post, spec):
    """``(values, errors)`` of the text fields of ``spec`` (name -> (required,
    maximum length)) in ``post``."""
    errors = []
    values = {}
    for name, (required, size) in spec.items():
        value = post.get(name) or ""
        if not isinstance(value, str):
            errors.append("%s: must be text." % name)
            continue
        value = value.strip()
        if "\x00" in value:
            errors.append("%s: contains a NUL character." % name)
        elif required and not value:
            errors.append("%s: is required." % name)
        elif len(value) > size:
            errors.append("%s: is longer than %d characters." % (name, size))
        values[name] = value
    return values, errors


def validate(post):
    """Return ``(values, errors)``: cleaned values, and a list of messages that are
    empty when the post may create a request."""
    if post.get(HONEYPOT):
        return {}, ["The form could not be accepted."]
    values, errors = _check_text(post, FIELDS)
    email = values.get("email")
    if email and len(email) <= FIELDS["email"][1] and not _EMAIL_RE.match(email):
        errors.append("email: is not a valid email address.")
    return values, errors


def validate_portal(post):
    """Like ``validate``, for the portal's form: subject, description and the
    optional request type (an id)."""
    values, errors = _check_text(post, PORTAL_FIELDS)
    type_id = post.get("type_id") or ""
    if type_id:
        if isinstance(type_id, str) and type_id.isdigit() and len(type_id) < 10:
            values["type_id"] = int(type_id)
        else:
            errors.append("type: is not a request type you can choose.")
    return values, errors
