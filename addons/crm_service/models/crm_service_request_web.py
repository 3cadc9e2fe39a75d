# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models, tools
from odoo.exceptions import ValidationError

from ..logic import webform


class CrmServiceRequest(models.Model):
    _inherit = "crm.service.request"

    @api.model
    def _create_from_web(self, post, company=None):
        """Create a request from the public form, for a known or a new contact.

        Raises ValidationError for bad input, creating nothing. Runs as superuser:
        the form is public. The rate limit is the controller's: every post is
        counted (``crm.service.web.post``), valid or not.
        """
        values, errors = webform.validate(post)
        if errors:
            raise ValidationError("\n".join(errors))
        company = company or self.env.user.company_id
        # a contact created for a request that then fails is not kept
        with self.env.cr.savepoint():
            partner = self._web_partner(values)
            return self.create(self._prepare_web_values(values, partner, company))

    @api.model
    def _web_partner(self, values):
        partners = self.env["res.partner"]
        email = values["email"].lower()
        pattern = email.replace("_", "\\_")  # a literal underscore, not a wildcard
        partner = partners.search([("email", "=ilike", pattern)], limit=1)
        if not partner:
            partner = partners.create({
                "name": values["contact_name"],
                "email": email,
                "phone": values.get("phone") or False,
            })
        return partner

    @api.model
    def _prepare_web_values(self, values, partner, company):
        return {
            "name": values["subject"],
            "description": tools.plaintext2html(values.get("description") or ""),
            "partner_id": partner.id,
            "email_from": values["email"],
            "phone": values.get("phone") or False,
            "channel": "web",
            "company_id": company.id,
        }
