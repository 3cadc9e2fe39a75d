# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Replies to campaign mailings become leads attributed to the campaign.

Campaign mailings reply to a lead alias. The reply's References and In-Reply-To
headers name the Message-Id of the mailing email, kept on its mailing statistic:
the new lead gets the mailing's UTM campaign, medium and source.
"""
from odoo import api, fields, models, tools


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def _crm_marketing_reply_statistic(self, message):
        headers = " ".join([
            tools.decode_message_header(message, "References"),
            tools.decode_message_header(message, "In-Reply-To"),
        ])
        message_ids = tools.mail_header_msgid_re.findall(headers)
        if not message_ids:
            return self.env["mail.mail.statistics"]
        # sudo: the mail gateway runs as the alias user; statistics are technical
        return self.env["mail.mail.statistics"].sudo().search([
            ("message_id", "in", message_ids),
            ("mass_mailing_id", "!=", False),
        ], limit=1)

    @api.model
    def message_route_process(self, message, message_dict, routes):
        statistic = self._crm_marketing_reply_statistic(message) if routes else False
        if statistic:
            mailing = statistic.mass_mailing_id
            utm = {
                "campaign_id": mailing.campaign_id.id,
                "medium_id": mailing.medium_id.id,
                "source_id": mailing.source_id.id,
            }
            new_routes = []
            for route in routes:
                model, thread_id, custom_values = route[0], route[1], route[2]
                if model == "crm.lead" and not thread_id:
                    custom_values = dict(custom_values or {})
                    for key, value in utm.items():
                        if value:
                            custom_values.setdefault(key, value)
                    route = (model, thread_id, custom_values) + tuple(route[3:])
                new_routes.append(route)
            routes = new_routes
            if not statistic.replied:
                statistic.write({"replied": fields.Datetime.now()})
        return super().message_route_process(message, message_dict, routes)
