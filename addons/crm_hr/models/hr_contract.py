# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models

# contract states that end the employment
ENDED_STATES = ("close", "cancel")

# Set in the context only by update_state (the expiry cron): an object, compared
# with ``is``, so no RPC caller can forge it (JSON and XML-RPC carry no objects).
_EXPIRY = object()


class HrContract(models.Model):
    _inherit = "hr.contract"

    @api.multi
    def write(self, vals):
        if vals.get("state") in ENDED_STATES \
                and self.env.context.get("crm_hr_contract_expiry") is not _EXPIRY:
            ending = self.filtered(lambda c: c.state not in ENDED_STATES)
            ending.mapped("employee_id")._crm_hr_check_no_portfolio(
                _("given an ended contract"))
        return super().write(vals)

    @api.model
    def update_state(self):
        """The nightly expiry of contracts whose end date has passed: the date is a
        fact, the portfolio check applies to people ending a contract by hand."""
        return super(HrContract, self.with_context(
            crm_hr_contract_expiry=_EXPIRY)).update_state()
