# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Clear errors for malformed values before they reach PostgreSQL.

Odoo 11 passes many malformed values (impossible dates, wrong types, unknown ids, NUL
bytes) straight to the database, and users then see a raw database error. The suite's
models inherit ``crm.input.validation.mixin``; the suite's fields on Odoo's models are
checked by the same function through ``_crm_check_values``.
"""
from datetime import datetime

from odoo import _, api, models
from odoo.exceptions import ValidationError

_INT_LIMIT = 2 ** 31


def _bad_value(field, value, records):
    """Return why ``value`` is not acceptable for ``field``, or None."""
    # no self here: Odoo's _() reads the language and cursor from these locals
    context, cr = records.env.context, records.env.cr  # noqa: F841
    ftype = field.type
    if value is False or value is None:
        return None
    if ftype in ("char", "text", "html", "selection") and isinstance(value, str) \
            and "\x00" in value:
        return _("contains a NUL character")
    if ftype in ("char", "text", "html"):
        return None if isinstance(value, str) else _("must be text")
    if ftype == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            return _("must be a whole number")
        return None if -_INT_LIMIT <= value < _INT_LIMIT else _("is out of range")
    if ftype in ("float", "monetary"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return _("must be a number")
        return None if abs(value) < 1e15 else _("is out of range")
    if ftype == "boolean":
        return None if isinstance(value, (bool, int)) else _("must be true or false")
    if ftype in ("date", "datetime"):
        pattern = "%Y-%m-%d" if ftype == "date" else "%Y-%m-%d %H:%M:%S"
        if not isinstance(value, str):
            return _("must be a date written as YYYY-MM-DD")
        try:
            datetime.strptime(value if ftype == "date" else value[:19], pattern)
        except ValueError:
            return _("is not a valid date (YYYY-MM-DD)")
        return None
    if ftype == "selection":
        keys = [key for key, _label in field.get_description(records.env)["selection"]]
        return None if value in keys else _("must be one of: %s") % ", ".join(
            str(key) for key in keys)
    if ftype == "many2one":
        if isinstance(value, bool) or not isinstance(value, int):
            return _("must be the id of a record")
        target = records.env[field.comodel_name].sudo().browse(value)
        # sudo: only existence is checked here; access is checked by the write
        return None if 0 < value < _INT_LIMIT and target.exists() else _(
            "refers to a record that does not exist")
    return None


def suite_fields(records):
    """Names of the fields the suite adds to one of Odoo's models."""
    return {name for name in records._fields
            if name.startswith(("lifecycle_", "crm_"))
            or name in ("value_tier", "rfm_segment")}


def check_values(records, vals, names=None):
    """Raise a ValidationError naming the first malformed value of ``vals``."""
    # no self here: Odoo's _() reads the language and cursor from these locals
    context, cr = records.env.context, records.env.cr  # noqa: F841
    for name, value in vals.items():
        field = records._fields.get(name)
        if field is None or (names is not None and name not in names):
            continue
        problem = _bad_value(field, value, records)
        if problem:
            raise ValidationError(_("%(field)s: the value %(value)r %(problem)s.") % {
                "field": field.get_description(records.env)["string"],
                "value": value if not isinstance(value, str) else value[:40],
                "problem": problem,
            })


class CrmInputValidationMixin(models.AbstractModel):
    _name = "crm.input.validation.mixin"
    _description = "Clear errors for malformed values"

    @api.model
    def create(self, vals):
        check_values(self, vals)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        check_values(self, vals)
        return super().write(vals)
