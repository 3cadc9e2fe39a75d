# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Quick intake of a phone call or a walk-in customer by a service agent."""
from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError

from ..logic import phone as phone_logic
from ..models.crm_service_sla import PRIORITIES

INTAKE_CHANNELS = [
    ("phone", "Phone"),
    ("walk_in", "Walk-in"),
]

# Partners whose phone or mobile ends with the caller's digits (the candidates;
# the Python check and the user's record rules decide).
_PHONE_CANDIDATES_SQL = """
SELECT id FROM res_partner
 WHERE active
   AND (regexp_replace(COALESCE(phone, ''), '\\D', '', 'g') LIKE %(pattern)s
        OR regexp_replace(COALESCE(mobile, ''), '\\D', '', 'g') LIKE %(pattern)s)
 ORDER BY id
 LIMIT 20
"""


class CrmServiceIntake(models.TransientModel):
    _name = "crm.service.intake"
    _description = "Log a Call or a Walk-in"

    channel = fields.Selection(
        selection=INTAKE_CHANNELS,
        required=True,
        default="phone",
    )
    caller_phone = fields.Char(
        string="Phone",
        help="The caller's number: the customer is found by it (however it is "
             "written).",
    )
    caller_email = fields.Char(
        string="Email",
    )
    caller_name = fields.Char(
        string="Name",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
    )
    contact_id = fields.Many2one(
        comodel_name="res.partner",
        string="Contact",
    )
    type_id = fields.Many2one(
        comodel_name="crm.service.type",
        string="Type",
        required=True,
        default=lambda self: self.env["crm.service.type"].search([], limit=1),
    )
    priority = fields.Selection(
        selection=PRIORITIES,
        required=True,
        default="1",
    )
    team_id = fields.Many2one(
        comodel_name="crm.service.team",
        string="Team",
    )
    name = fields.Char(
        string="Subject",
        required=True,
    )
    description = fields.Text()

    @api.onchange("caller_phone", "caller_email")
    def _onchange_caller(self):
        if not self.partner_id:
            for name, value in self._match_caller_values(
                    self.caller_phone, self.caller_email).items():
                self[name] = value

    @api.model
    def _match_caller_values(self, phone, email):
        """``{partner_id, contact_id}`` of the one customer with that phone number
        (or else email address) among those the user may see; empty when none or
        several match."""
        Partner = self.env["res.partner"]
        matches = Partner.browse()
        digits = phone_logic.key(phone)
        if digits:
            self.env.cr.execute(_PHONE_CANDIDATES_SQL, {"pattern": "%" + digits})
            candidates = Partner.search([
                ("id", "in", [row[0] for row in self.env.cr.fetchall()])])
            matches = candidates.filtered(
                lambda p: phone_logic.same_number(p.phone, phone)
                or phone_logic.same_number(p.mobile, phone))
        if not matches and email and "@" in email:
            pattern = email.strip().lower().replace("_", "\\_")
            matches = Partner.search([("email", "=ilike", pattern)], limit=2)
        if len(matches.mapped("commercial_partner_id")) != 1:
            return {}
        contact = matches[0] if len(matches) == 1 and matches.parent_id else \
            Partner.browse()
        return {"partner_id": matches[0].commercial_partner_id.id,
                "contact_id": contact.id}

    @api.multi
    def action_create(self):
        """Create the request and open it."""
        self.ensure_one()
        # a wizard has no access rights of its own: the caller must be an agent
        if not self.env.user.has_group("crm_service.group_service_agent"):
            raise AccessError(_("Only service agents log calls and walk-ins."))
        values = self._prepare_request_values()
        request = self.env["crm.service.request"].create(values)
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.service.request",
            "res_id": request.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    @api.multi
    def _prepare_request_values(self):
        self.ensure_one()
        matched = {}
        if not self.partner_id:
            matched = self._match_caller_values(self.caller_phone, self.caller_email)
        description = tools.plaintext2html(self.description or "")
        if self.caller_name:
            description = "<p>%s</p>%s" % (tools.html_escape(_(
                "Caller: %s") % self.caller_name), description)
        return {
            "name": self.name,
            "description": description,
            "channel": self.channel,
            "partner_id": self.partner_id.id or matched.get("partner_id") or False,
            "contact_id": self.contact_id.id or matched.get("contact_id") or False,
            "phone": self.caller_phone or False,
            "email_from": self.caller_email or False,
            "type_id": self.type_id.id,
            "priority": self.priority,
            "team_id": self.team_id.id or False,
            "user_id": self.env.uid,
        }
