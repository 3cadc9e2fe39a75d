# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import ValidationError


class CrmHrPeriodMixin(models.AbstractModel):
    """Records of a period (``date_start`` to an optional ``date_end``)."""

    _name = "crm.hr.period.mixin"
    _description = "Personnel Record with a Period"

    @api.constrains("date_start", "date_end")
    def _check_period_dates(self):
        if any(r.date_start and r.date_end and r.date_end < r.date_start
               for r in self):
            raise ValidationError(_("The end date cannot be before the start date."))
