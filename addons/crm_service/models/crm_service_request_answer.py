# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Standard answers on service requests: suggestions and insertion."""
from odoo import _, api, models, tools
from odoo.exceptions import UserError


class CrmServiceRequestAnswer(models.Model):
    _inherit = "crm.service.request"

    @api.depends("name", "description", "product_id", "category_id", "partner_id",
                 "contact_id")
    def _compute_suggested_answer_ids(self):
        answers = self.env["crm.service.answer"]
        for request in self:
            request.suggested_answer_ids = answers._suggest(
                request._suggestion_text(), limit=5,
                **request._suggestion_hints())

    @api.onchange("answer_id")
    def _onchange_answer_id(self):
        # shown at once in the form; counted when the form is saved (write)
        if self.answer_id:
            self.reply = self._insert_answer_html(self.reply, self.answer_id)

    @api.model
    def _answer_chosen_values(self, vals, reply):
        """``vals`` of a create or write that chose a standard answer with the
        field: the answer's use counted, its text appended to ``reply`` unless
        ``vals`` brings the reply (the form's onchange inserted it), and the field
        emptied for the next choice."""
        answer_id = vals.get("answer_id")
        if not answer_id or not isinstance(answer_id, int) or isinstance(
                answer_id, bool):
            return vals  # nothing chosen, or bad input for the validation
        answer = self.env["crm.service.answer"].browse(answer_id)
        if not answer.exists():
            return vals
        vals = dict(vals, answer_id=False)
        if "reply" not in vals:
            vals["reply"] = self._insert_answer_html(reply, answer)
        answer._count_use()
        return vals

    @api.model
    def create(self, vals):
        return super().create(self._answer_chosen_values(vals, False))

    @api.multi
    def write(self, vals):
        if vals.get("answer_id"):
            for request in self:
                super(CrmServiceRequestAnswer, request).write(
                    request._answer_chosen_values(vals, request.reply))
            return True
        return super().write(vals)

    @api.multi
    def _suggestion_text(self):
        self.ensure_one()
        return " ".join(filter(None, [
            self.name or "", tools.html2plaintext(self.description or "")]))

    @api.multi
    def _suggestion_hints(self):
        """What the answer suggestions favour besides the text: the request's
        product and service category, and the customer's language."""
        self.ensure_one()
        # the language of the person who wrote, even when the confidentiality
        # rules hide the customer from the agent
        customer = (self.contact_id or self.partner_id).sudo()
        return {
            "product": self.product_id or None,
            "category": self.category_id or None,
            "lang": customer.lang or None,
        }

    @api.model
    def _insert_answer_html(self, reply, answer):
        return (reply or "") + (answer.answer or "")

    @api.multi
    def action_insert_answer(self, answer_id=None):
        """Append a standard answer to the reply and count its use."""
        self.ensure_one()
        answer = self.env["crm.service.answer"].browse(
            answer_id or self.env.context.get("crm_service_answer_id")
            or self.answer_id.id)
        if not answer.exists():
            raise UserError(_("Choose a standard answer to insert."))
        self.reply = self._insert_answer_html(self.reply, answer)
        answer._count_use()
        return True
