# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer work an employee holds: counted set-based, opened by smart buttons."""
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.crm_membership.models.crm_membership import OPEN_STATES

from .hr_employee import OFFICER_GROUP

PORTFOLIO_KINDS = [
    ("customer", "Customers"),
    ("lead", "Open Opportunities"),
    ("request", "Open Service Requests"),
    ("campaign", "Campaigns"),
    ("membership", "Memberships"),
]

# campaigns not yet over
OPEN_CAMPAIGN_STATES = ("draft", "approved", "running")


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    crm_customer_count = fields.Integer(
        string="Customers",
        compute="_compute_crm_portfolio",
    )
    crm_lead_count = fields.Integer(
        string="Open Opportunities",
        compute="_compute_crm_portfolio",
    )
    crm_request_count = fields.Integer(
        string="Open Service Requests",
        compute="_compute_crm_portfolio",
    )
    crm_campaign_count = fields.Integer(
        string="Campaigns",
        compute="_compute_crm_portfolio",
    )
    crm_membership_count = fields.Integer(
        string="Memberships",
        compute="_compute_crm_portfolio",
    )
    crm_portfolio_size = fields.Integer(
        string="Portfolio",
        compute="_compute_crm_portfolio",
        help="Customers, open opportunities, open service requests, campaigns and "
             "memberships held by the employee's user.",
    )

    @api.model
    def _crm_hr_portfolio_kinds(self):
        """The kinds of customer work an employee holds: the model, the field that
        names the user holding it, and which of its records count (extension hook)."""
        return [
            {"kind": "customer", "model": "res.partner", "field": "user_id",
             "domain": []},
            {"kind": "lead", "model": "crm.lead", "field": "user_id",
             "domain": [("probability", "<", 100)]},
            {"kind": "request", "model": "crm.service.request", "field": "user_id",
             "domain": [("is_closed", "=", False)]},
            {"kind": "campaign", "model": "crm.marketing.campaign", "field": "user_id",
             "domain": [("state", "in", OPEN_CAMPAIGN_STATES)]},
            {"kind": "membership", "model": "crm.membership", "field": "user_id",
             "domain": [("state", "in", OPEN_STATES)]},
        ]

    @api.model
    def _crm_hr_kind(self, kind):
        for spec in self._crm_hr_portfolio_kinds():
            if spec["kind"] == kind:
                return spec
        raise UserError(_("Unknown kind of customer work: %s") % kind)

    @api.model
    def _crm_hr_portfolio_counts(self, user_ids):
        """{user id: {kind: count}}: one read_group per kind for all users, with
        the reader's own access rights (kinds they may not read count nothing)."""
        counts = defaultdict(dict)
        if not user_ids:
            return counts
        for spec in self._crm_hr_portfolio_kinds():
            field = spec["field"]
            Model = self.env[spec["model"]]
            if not Model.check_access_rights("read", raise_exception=False):
                continue
            groups = Model.read_group(
                spec["domain"] + [(field, "in", list(user_ids))], [field], [field])
            for group in groups:
                counts[group[field][0]][spec["kind"]] = group[field + "_count"]
        return counts

    @api.multi
    def _compute_crm_portfolio(self):
        if self.env.user.has_group(OFFICER_GROUP):
            # HR officers manage portfolios: they see their full size
            counts = self._crm_hr_full_portfolio_counts()
        else:
            counts = self._crm_hr_portfolio_counts(self.mapped("user_id").ids)
        for employee in self:
            held = counts.get(employee.user_id.id, {}) if employee.user_id else {}
            employee.crm_customer_count = held.get("customer", 0)
            employee.crm_lead_count = held.get("lead", 0)
            employee.crm_request_count = held.get("request", 0)
            employee.crm_campaign_count = held.get("campaign", 0)
            employee.crm_membership_count = held.get("membership", 0)
            employee.crm_portfolio_size = sum(held.values())

    @api.multi
    def _crm_hr_full_portfolio_counts(self):
        """The whole portfolio of these employees, whoever asks: the handover and
        the refusal to archive must see every record, not those the reader sees."""
        # sudo: only counts per kind leave this method
        return self.sudo()._crm_hr_portfolio_counts(self.mapped("user_id").ids)

    @api.multi
    def _crm_hr_check_no_portfolio(self, what):
        counts = self._crm_hr_full_portfolio_counts()
        labels = self._crm_hr_kind_labels()
        for employee in self.filtered("user_id"):
            held = counts.get(employee.user_id.id)
            if not held:
                continue
            raise UserError(_(
                "%(name)s cannot be %(what)s while holding customer work "
                "(%(work)s). Move it first with the \"Hand Over Portfolio\" button "
                "of the employee form (Employees > %(name)s).") % {
                    "name": employee.name, "what": what,
                    "work": ", ".join("%s: %s" % (labels[kind], count)
                                      for kind, count in sorted(held.items()))})

    @api.model
    def _crm_hr_kind_labels(self):
        """Translated labels of the portfolio kinds."""
        return {
            "customer": _("Customers"),
            "lead": _("Open Opportunities"),
            "request": _("Open Service Requests"),
            "campaign": _("Campaigns"),
            "membership": _("Memberships"),
        }

    @api.multi
    def action_crm_hr_open_portfolio(self):
        """Open the records of one kind (context key ``crm_hr_kind``) held by the
        employee."""
        self.ensure_one()
        spec = self._crm_hr_kind(self.env.context.get("crm_hr_kind", "customer"))
        return {
            "type": "ir.actions.act_window",
            "name": "%s: %s" % (self.name, self._crm_hr_kind_labels()[spec["kind"]]),
            "res_model": spec["model"],
            "view_mode": "tree,form",
            "domain": spec["domain"] + [(spec["field"], "=", self.user_id.id or 0)],
            "context": {"create": False},
        }
