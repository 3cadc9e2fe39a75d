# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Service requests by email: the mail gateway, replies to the customer and
what counts as the first response."""
from odoo import _, api, models, tools
from odoo.exceptions import UserError


class CrmServiceRequestMail(models.Model):
    _inherit = "crm.service.request"

    @api.multi
    def action_send_reply(self):
        """Send the reply to the customer and its contact (the first response of
        the SLA): they are the message's recipients, followers or not."""
        self.ensure_one()
        if not tools.html2plaintext(self.reply or "").strip():
            raise UserError(_("Write the reply first."))
        self._check_customer_verified()
        recipients = self._customer_partners()
        if not recipients:
            raise UserError(_("Set the customer or its contact before sending the "
                              "reply."))
        self.message_post(body=self.reply, subtype="mail.mt_comment",
                          message_type="comment", partner_ids=recipients.ids)
        return True

    @api.multi
    def _customer_partners(self):
        """The customer and the contact who wrote, who receive the replies."""
        self.ensure_one()
        return self.partner_id | self.contact_id

    @api.multi
    @api.returns("self", lambda value: value.id)
    def message_post(self, **kwargs):
        message = super().message_post(**kwargs)
        if self and self._is_response(message):
            self._mark_responded()
        return message

    @api.multi
    def _is_response(self, message):
        """Whether ``message`` answers the customer: written by an internal user,
        not an internal note, and delivered to the customer or its contact (a
        recipient or a notified follower). Emails of customers that the mail
        gateway posts, whoever runs it, are not responses."""
        self.ensure_one()
        # the message's author and notified partners, whoever posted it
        message = message.sudo()
        subtype = message.subtype_id
        if not subtype or subtype.internal:
            return False
        if not message.author_id.user_ids.filtered(lambda user: not user.share):
            return False
        reached = message.partner_ids | message.needaction_partner_ids
        return bool(reached & self.sudo()._customer_partners())

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A request from an incoming email (the mail alias)."""
        values = dict(custom_values or {})
        author = self.env["res.partner"].browse(msg_dict.get("author_id"))
        values.setdefault("name", msg_dict.get("subject") or _("No Subject"))
        values.setdefault("email_from", msg_dict.get("email_from"))
        values.setdefault("description", msg_dict.get("body"))
        values.setdefault("channel", "email")
        if author:
            values.setdefault("partner_id", author.id)
        return super().message_new(msg_dict, custom_values=values)

    @api.multi
    def message_update(self, msg_dict, update_vals=None):
        """A customer's reply ends the waiting on them."""
        result = super().message_update(msg_dict, update_vals=update_vals)
        waiting = self.filtered(lambda r: r.stage_id.is_pause)
        if waiting:
            stage = self._resume_stage()
            if stage:
                waiting.write({"stage_id": stage.id})
        return result

    @api.model
    def _resume_stage(self):
        return self.env["crm.service.stage"].search([
            ("is_pause", "=", False), ("is_closed", "=", False),
        ], order="sequence desc, id desc", limit=1)

    @api.multi
    def message_get_suggested_recipients(self):
        recipients = super().message_get_suggested_recipients()
        for request in self:
            if request.partner_id:
                request._message_add_suggested_recipient(
                    recipients, partner=request.partner_id, reason=_("Customer"))
            elif request.email_from:
                request._message_add_suggested_recipient(
                    recipients, email=request.email_from, reason=_("Customer Email"))
        return recipients
