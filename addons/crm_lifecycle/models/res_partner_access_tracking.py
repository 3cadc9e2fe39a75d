# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customers received by users: every read and export counted, an alert to the
user's manager past the company's hourly threshold; the export policy's hooks
for partners (suppliers are no customer data)."""
from datetime import timedelta

from odoo import _, api, fields, models

# One statement per call: remember the customers received and count the distinct
# customers received within the last hour.
_TRACK_SQL = """
WITH seen AS (
    INSERT INTO crm_customer_access (user_id, partner_id, access_time)
    SELECT %(uid)s, p.commercial_partner_id, now() at time zone 'UTC'
      FROM res_partner p
     WHERE p.id = ANY(%(ids)s) AND p.crm_is_customer
     GROUP BY p.commercial_partner_id
    ON CONFLICT (user_id, partner_id)
    DO UPDATE SET access_time = EXCLUDED.access_time
    RETURNING partner_id
)
SELECT (SELECT count(*) FROM seen),
       (SELECT count(*) FROM crm_customer_access a
         WHERE a.user_id = %(uid)s
           AND a.access_time > (now() at time zone 'UTC') - interval '1 hour'
           AND a.partner_id NOT IN (SELECT partner_id FROM seen))
"""

# Key of the advisory lock that serialises the alert check of one user.
_ALERT_LOCK = 7260411


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.multi
    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields=fields, load=load)
        self._crm_track_access()
        return result

    @api.multi
    def _crm_export_customer_records(self):
        return self.filtered("crm_is_customer")

    @api.multi
    def _crm_after_customer_export(self):
        self._crm_track_access()
        return True

    @api.multi
    def _crm_track_access(self):
        """Count the customers the user receives; alert their manager once an hour
        when the company's threshold is crossed."""
        if not self.ids or self.env.uid == 1:
            return
        cr = self.env.cr
        cr.execute(_TRACK_SQL, {"uid": self.env.uid, "ids": self.ids})
        fresh, earlier = cr.fetchone()
        if not fresh:
            return
        # the threshold is a company setting the user may not read
        threshold = self.env.user.sudo().company_id.crm_access_alert_threshold
        if threshold and fresh + earlier > threshold:
            self._crm_raise_access_alert(fresh + earlier, threshold)

    @api.model
    def _crm_raise_access_alert(self, count, threshold):
        cr = self.env.cr
        cr.execute("SELECT pg_advisory_xact_lock(%s, %s)", (_ALERT_LOCK, self.env.uid))
        # the log and the activity are written on behalf of the user being watched
        logs = self.env["crm.access.log"].sudo()
        since = fields.Datetime.to_string(
            fields.Datetime.from_string(fields.Datetime.now()) - timedelta(hours=1))
        if logs.search_count([("user_id", "=", self.env.uid),
                              ("event_type", "=", "alert"), ("date", ">", since)]):
            return
        user = self.env.user
        manager = self._crm_access_manager(user)
        log = logs.create({
            "user_id": user.id,
            "event_type": "alert",
            "model": "res.partner",
            "record_count": count,
            "description": _("%(user)s received %(count)s customers within an hour "
                             "(threshold %(threshold)s).") % {
                "user": user.name, "count": count, "threshold": threshold},
        })
        if manager:
            self.env["mail.activity"].sudo().create({
                "res_model_id": self.env["ir.model"]._get("crm.access.log").id,
                "res_id": log.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                "summary": _("Unusual access to customer data"),
                "note": log.description,
                "user_id": manager.id,
                "date_deadline": fields.Date.context_today(self),
            })

    @api.model
    def _crm_access_manager(self, user):
        """Who is told of a user's unusual access: the leader of the user's sales
        team, else a sales manager of the company (crm_hr uses the HR manager)."""
        user = user.sudo()  # team and groups of another user
        leader = user.sale_team_id.user_id
        if leader and leader != user:
            return leader
        group = self.env.ref("sales_team.group_sale_manager").sudo()
        managers = group.users.filtered(
            lambda u: u != user and u.company_id == user.company_id
            and u.id != 1)
        return managers[:1]
