# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Requests from the public web form and the customer portal.

Anyone can type an existing customer's email address into the public form: such
a post is not the customer's until the address is verified (the link emailed to
it) or an agent confirms it. Until then the request has no customer, so it is
neither in the customer's portal nor in their figures, and nobody is notified.
"""
import uuid

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from ..logic import webform


class CrmServiceRequestWeb(models.Model):
    _inherit = "crm.service.request"

    web_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Unverified Customer",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="The customer whose email address an anonymous web request gave. The "
             "request becomes theirs once the address is verified (by the link "
             "emailed to it) or an agent confirms it.",
    )
    web_verify_token = fields.Char(
        readonly=True,
        copy=False,
        groups="base.group_system",
    )

    @api.model
    def _create_from_web(self, post, company=None, user=None):
        """Create a request from the public form, for a known or a new contact.

        ``user`` is the logged-in user who posts (None: an anonymous visitor).
        A known address that is not the user's own makes an unverified request
        and emails the verification link to the address.

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
            partner, verified = self._web_partner(values, user)
            vals = self._prepare_web_values(values, partner, company)
            if not verified:
                vals.update(partner_id=False, web_partner_id=partner.id,
                            web_verify_token=uuid.uuid4().hex)
            request = self.create(vals)
        if not verified:
            request._send_web_verification()
        return request

    @api.model
    def _web_partner(self, values, user=None):
        """``(partner, verified)``: the contact of the email address, created if
        new; ``verified`` unless someone else's address was typed."""
        partners = self.env["res.partner"]
        email = values["email"].lower()
        if user and not user._is_public() and \
                (user.partner_id.email or "").strip().lower() == email:
            return user.partner_id, True
        pattern = email.replace("_", "\\_")  # a literal underscore, not a wildcard
        partner = partners.search([("email", "=ilike", pattern)], limit=1)
        if partner:
            return partner, False
        return partners.create({
            "name": values["contact_name"],
            "email": email,
            "phone": values.get("phone") or False,
        }), True

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

    @api.multi
    def _web_verify_url(self):
        self.ensure_one()
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url")
        return "%s/service/request/verify/%d/%s" % (
            base, self.id, self.sudo().web_verify_token)

    @api.multi
    def _send_web_verification(self):
        """Email the verification link to the address the request gave."""
        template = self.env.ref("crm_service.mail_template_web_verify")
        for request in self:
            # the link carries the token, which only the system reads
            template.sudo().with_context(
                crm_service_verify_url=request._web_verify_url()).send_mail(
                request.id)

    @api.multi
    def _web_verify(self, token):
        """The link of the verification email was followed: the request becomes
        its customer's. Returns whether the token was right."""
        self.ensure_one()
        request = self.sudo()
        if not token or not request.web_verify_token or \
                not tools.consteq(request.web_verify_token, token):
            return False
        request._confirm_web_customer(_(
            "The customer's email address was verified: the request is theirs."))
        return True

    @api.multi
    def action_confirm_customer(self):
        """An agent confirms that the unverified web request comes from the
        customer of its email address."""
        self.ensure_one()
        self.check_access_rights("write")
        self.check_access_rule("write")
        if not self.web_partner_id:
            raise UserError(_("This request has no customer to confirm."))
        self.sudo()._confirm_web_customer(_(
            "The customer was confirmed by %s.") % self.env.user.name)
        return True

    @api.multi
    def _confirm_web_customer(self, note):
        self.ensure_one()
        partner = self.web_partner_id
        self.write({"partner_id": partner.id, "web_partner_id": False,
                    "web_verify_token": False})
        self.message_subscribe(partner_ids=partner.ids)
        self.message_post(body="<p>%s</p>" % tools.html_escape(note),
                          subtype="mail.mt_note")

    @api.multi
    def _check_customer_verified(self):
        """Nothing goes to the customer of an unverified web request."""
        unverified = self.sudo().filtered("web_partner_id")
        if unverified:
            raise UserError(_(
                "The email address of the web request %s is not verified yet: "
                "confirm the customer first.") % unverified[0].reference)

    @api.model
    def _create_from_portal(self, post, user):
        """A request opened by a portal customer from the portal."""
        values, errors = webform.validate_portal(post)
        if errors:
            raise ValidationError("\n".join(errors))
        partner = user.partner_id
        type_id = values.get("type_id")
        types = self.env["crm.service.type"].sudo()
        service_type = types.search([
            ("id", "=", type_id), ("portal_visible", "=", True)]) if type_id \
            else types.search([("portal_visible", "=", True)], limit=1)
        if type_id and not service_type:
            raise ValidationError(_("type: is not a request type you can choose."))
        vals = {
            "name": values["subject"],
            "description": tools.plaintext2html(values.get("description") or ""),
            "partner_id": partner.commercial_partner_id.id,
            "contact_id": partner.id if partner.parent_id else False,
            "email_from": partner.email or False,
            "phone": partner.phone or partner.mobile or False,
            "channel": "web",
            "company_id": user.company_id.id,
        }
        if service_type:
            vals["type_id"] = service_type.id
        # portal customers cannot create requests: this one is theirs, from the
        # values checked above
        return self.sudo().create(vals)
