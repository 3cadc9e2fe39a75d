# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The buttons of a membership: activate, suspend, resume, cancel, invoice the
fee, print the card, redeem. Each checks the caller's group itself."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .access import OFFICER, check_groups, protected


class CrmMembership(models.Model):
    _inherit = "crm.membership"

    # --------------------------------------------------------------- actions
    @api.multi
    def action_activate(self):
        """Activate memberships of clubs without fee (paid clubs activate on
        payment)."""
        check_groups(self.env, [OFFICER], _("Activating a membership"))
        for membership in self:
            if membership.club_id.fee_type == "fee" and membership.state in (
                    "candidate", "expired"):
                raise UserError(_(
                    "%s: a paid membership becomes active when its fee invoice is "
                    "paid.") % membership.name)
        self._activate(fields.Date.context_today(self))
        return True

    @api.multi
    def _activate(self, day):
        for membership in self:
            vals = {"state": "active"}
            if not membership.join_date:
                vals["join_date"] = day
            protected(membership).write(vals)

    @api.multi
    def action_suspend(self):
        check_groups(self.env, [OFFICER], _("Suspending a membership"))
        protected(self.filtered(lambda m: m.state == "active")).write(
            {"state": "suspended"})
        return True

    @api.multi
    def action_resume(self):
        check_groups(self.env, [OFFICER], _("Resuming a membership"))
        protected(self.filtered(lambda m: m.state == "suspended")).write(
            {"state": "active"})
        return True

    @api.multi
    def action_cancel(self):
        check_groups(self.env, [OFFICER], _("Cancelling a membership"))
        cancelled = self.filtered(lambda m: m.state != "cancelled")
        protected(cancelled).write({"state": "cancelled"})
        Points = self.env["crm.membership.points"]
        today = fields.Date.context_today(self)
        for membership in cancelled.filtered(
                lambda m: m.club_id.cancelled_points == "expire"
                and m.points_balance > 0):
            Points._lock(membership)
            Points._expire_all(membership, today, _("Points expired: membership "
                                                    "cancelled"))
        return True

    @api.multi
    def action_invoice_fee(self):
        """Invoice the next period's fee (joining or renewing)."""
        self.ensure_one()
        check_groups(self.env, [OFFICER], _("Invoicing a membership fee"))
        invoice = self._create_fee_invoice()
        action = self.env.ref("account.action_invoice_tree1").read()[0]
        action.update({
            "views": [(self.env.ref("account.invoice_form").id, "form")],
            "res_id": invoice.id,
        })
        return action

    @api.multi
    def action_print_card(self):
        self.ensure_one()
        return self.env.ref("crm_membership.report_membership_card").report_action(
            self)

    @api.multi
    def action_redeem(self):
        self.ensure_one()
        check_groups(self.env, [OFFICER], _("Redeeming points"))
        action = self.env.ref("crm_membership.crm_membership_redeem_action").read()[0]
        action["context"] = {"default_membership_id": self.id}
        return action
