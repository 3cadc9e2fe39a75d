# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Escalation of overdue service requests: team leader, then service manager."""
from collections import Counter, defaultdict

from odoo import _, api, fields, models, tools

# Requests one run of the cron escalates at most: the next run takes the rest.
ESCALATION_BATCH = 500

# One statement picks and marks every overdue request due for its next level
# (leader, then manager): active, open, not waiting on the customer. The rows are
# locked (SKIP LOCKED: a second cron running at the same time takes other rows),
# so no request is escalated twice to the same level. What people receive
# (followers, activities, messages) then goes through Odoo's mail API.
_ESCALATE_SQL = """
WITH due AS (
    SELECT r.id,
           CASE WHEN COALESCE(r.escalation_level, 0) = 0 THEN 1 ELSE 2 END AS level,
           CASE WHEN COALESCE(r.escalation_level, 0) = 0
                THEN COALESCE(t.user_id, %(fallback)s)
                ELSE COALESCE(t.manager_id, t.user_id, %(fallback)s) END AS target
      FROM crm_service_request r
      JOIN crm_service_stage s ON s.id = r.stage_id
      LEFT JOIN crm_service_team t ON t.id = r.team_id
     WHERE r.active
       AND r.sla_resolve_deadline < %(now)s
       AND NOT s.is_closed AND NOT s.is_pause
       AND (COALESCE(r.escalation_level, 0) = 0
            OR (r.escalation_level = 1
                AND r.escalation_date <= %(now)s - make_interval(
                    secs => COALESCE(t.escalation_delay_hours, 4.0) * 3600)))
     ORDER BY r.sla_resolve_deadline, r.id
     LIMIT %(limit)s
       FOR UPDATE OF r SKIP LOCKED
)
UPDATE crm_service_request r
   SET escalation_level = due.level, escalation_date = %(now)s,
       sla_resolve_status = 'failed', write_uid = %(uid)s, write_date = %(now)s
  FROM due
 WHERE r.id = due.id
RETURNING r.id, due.level, due.target
"""


class CrmServiceRequestEscalation(models.Model):
    _inherit = "crm.service.request"

    escalation_level = fields.Integer(
        readonly=True,
        default=0,
        copy=False,
        groups="base.group_user",
        help="0: not escalated, 1: team leader, 2: manager. Back to 0 when the "
             "resolution deadline moves later or the request is reopened.",
    )
    escalation_date = fields.Datetime(
        readonly=True,
        copy=False,
        groups="base.group_user",
    )

    @api.model
    def _escalation_fallback_user(self):
        """Who gets the escalations of requests without a team leader or manager:
        the first service manager (other than the superuser)."""
        group = self.env.ref("crm_service.group_service_manager")
        # the group's members are read whoever runs the cron
        managers = group.sudo().users.filtered(lambda user: user.id != 1)
        return managers[:1].id or None

    @api.model
    def _escalate(self, now, limit=ESCALATION_BATCH):
        """Escalate the overdue requests by one level, at most ``limit`` of them;
        return ``{level: number of requests}``. Each escalated person follows the
        request (with the default subtypes), gets an activity on it and one
        message listing all the requests escalated to them by this run."""
        self.env.cr.execute(_ESCALATE_SQL, {
            "fallback": self._escalation_fallback_user(), "now": now,
            "uid": self.env.uid, "limit": limit})
        rows = self.env.cr.fetchall()
        self.invalidate_cache(["escalation_level", "escalation_date",
                               "sla_resolve_status"], [row[0] for row in rows])
        by_target = defaultdict(lambda: defaultdict(list))
        for request_id, level, target in rows:
            by_target[target][level].append(request_id)
        notes = {
            1: _("The request is overdue: escalated to the team leader."),
            2: _("The request is still overdue: escalated to the service manager."),
        }
        for target, levels in by_target.items():
            user = self.env["res.users"].browse(target)
            for level, ids in levels.items():
                requests = self.browse(ids)
                for request in requests:
                    request.message_post(
                        body="<p>%s</p>" % tools.html_escape(notes[level]),
                        subtype="mail.mt_note", message_type="notification")
                if user:
                    requests._escalation_assign(user, level, now)
            if user:
                self.browse([i for ids in levels.values() for i in ids]) \
                    ._escalation_notify(user)
        return dict(Counter(level for _id, level, _target in rows))

    @api.multi
    def _escalation_assign(self, user, level, now):
        """``user`` follows the requests and gets a to-do on each."""
        self.message_subscribe(partner_ids=user.partner_id.ids)
        summary = (_("Overdue: escalated to the team leader") if level == 1
                   else _("Overdue: escalated to the service manager"))
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get(self._name).id
        Activity = self.env["mail.activity"]
        for request in self:
            Activity.create({
                "res_model_id": model_id,
                "res_id": request.id,
                "activity_type_id": activity_type.id,
                "summary": summary,
                "date_deadline": fields.Date.to_string(now.date()),
                "user_id": user.id,
            })

    @api.multi
    def _escalation_notify(self, user):
        """One message to ``user`` naming every request of ``self``."""
        items = "".join(
            '<li><a href="/web#model=%s&amp;id=%d">%s</a></li>' % (
                self._name, request.id, tools.html_escape(request.display_name))
            for request in self)
        body = "<p>%s</p><ul>%s</ul>" % (tools.html_escape(_(
            "Overdue service requests escalated to you:")), items)
        self.env["mail.thread"].message_post(
            body=body, subject=_("Escalated service requests"),
            partner_ids=user.partner_id.ids, subtype="mail.mt_comment",
            message_type="notification")
