# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields

from .common import ServiceCase

# after the 16 h resolution deadline (Wednesday 07:00 UTC)
LATE = fields.Datetime.from_string("2026-01-14 08:00:00")
LATER = fields.Datetime.from_string("2026-01-14 12:30:00")  # 4.5 h later


class TestEscalation(ServiceCase):

    def _activities(self, requests, user):
        return self.env["mail.activity"].search([
            ("res_model", "=", "crm.service.request"),
            ("res_id", "in", requests.ids), ("user_id", "=", user.id)])

    def _notes(self, requests):
        return self.env["mail.message"].search([
            ("model", "=", "crm.service.request"), ("res_id", "in", requests.ids),
            ("body", "ilike", "escalated")])

    def _summaries(self, user):
        return self.env["mail.message"].search([
            ("model", "=", False), ("partner_ids", "in", user.partner_id.ids),
            ("subject", "=", "Escalated service requests")])

    def test_twice_in_a_row(self):
        """Running the cron twice escalates each overdue request once per level."""
        overdue = self._request() | self._request(name="Second")
        on_time = self._request(name="Fresh", date_open="2026-01-14 07:30:00")
        levels = self.Request._cron_sla(now=LATE)
        self.assertEqual(levels, {1: 2}, "two requests to the team leader")
        self.assertEqual(overdue.mapped("escalation_level"), [1, 1])
        self.assertEqual(on_time.escalation_level, 0)
        self.assertEqual(len(self._activities(overdue, self.leader)), 2)
        self.assertEqual(len(self._notes(overdue)), 2)
        summary = self._summaries(self.leader)
        self.assertEqual(len(summary), 1, "one message to the leader for both")
        for request in overdue:
            self.assertIn(request.reference, summary.body)
        self.assertIn(self.leader.partner_id, overdue[0].message_partner_ids)
        self.assertEqual(overdue.mapped("sla_resolve_status"), ["failed", "failed"])
        # the same run again: nothing new
        self.assertEqual(self.Request._cron_sla(now=LATE), {})
        self.assertEqual(len(self._activities(overdue, self.leader)), 2)
        self.assertEqual(len(self._notes(overdue)), 2)
        # past the team's 4 h delay: the manager, once
        self.assertEqual(self.Request._cron_sla(now=LATER), {2: 2})
        self.assertEqual(overdue.mapped("escalation_level"), [2, 2])
        self.assertEqual(len(self._activities(overdue, self.manager)), 2)
        self.assertEqual(self.Request._cron_sla(now=LATER), {})
        self.assertEqual(len(self._activities(overdue, self.manager)), 2)
        self.assertEqual(len(self._notes(overdue)), 4)

    def test_closed_not_escalated(self):
        """Closed requests are never escalated."""
        request = self._request()
        request.stage_id = self.stage_resolved
        self.assertEqual(self.Request._cron_sla(now=LATE), {})
        self.assertEqual(request.escalation_level, 0)

    def test_request_without_team_reaches_a_manager(self):
        """A request that came without a team (mail, web form) is escalated to a
        service manager, not to nobody."""
        request = self._request(team_id=False)
        self.assertEqual(self.Request._cron_sla(now=LATE), {1: 1})
        activity = self.env["mail.activity"].search([
            ("res_model", "=", "crm.service.request"), ("res_id", "=", request.id)])
        self.assertEqual(len(activity), 1)
        managers = self.env.ref("crm_service.group_service_manager").users
        self.assertIn(activity.user_id, managers)
        self.assertNotEqual(activity.user_id.id, 1)


class TestEscalationMail(ServiceCase):
    """Escalation goes through Odoo's mail machinery, leaves archived requests
    alone and starts over when the deadline moves or the request reopens."""

    def test_leader_follows_with_subtypes(self):
        """The team leader follows with the default subtypes, so a later reply
        notifies them; their to-do is a real activity on the request."""
        request = self._request(name="<b>Cold</b> office")
        self.Request._cron_sla(now=LATE)
        follower = self.env["mail.followers"].search([
            ("res_model", "=", "crm.service.request"), ("res_id", "=", request.id),
            ("partner_id", "=", self.leader.partner_id.id)])
        self.assertIn(self.env.ref("mail.mt_comment"), follower.subtype_ids)
        activity = request.activity_ids.filtered(
            lambda act: act.user_id == self.leader)
        self.assertEqual(activity.summary, "Overdue: escalated to the team leader")
        self.assertEqual(activity.res_name, request.display_name)
        summary = self.env["mail.message"].search([
            ("model", "=", False), ("partner_ids", "in", self.leader.partner_id.ids)])
        self.assertIn("&lt;b&gt;Cold&lt;/b&gt; office", summary.body,
                      "the request's name is escaped")
        body = "<p>Customer called again.</p>"
        reply = request.sudo(self.agent).message_post(
            body=body, subtype="mail.mt_comment",
            message_type="comment")
        self.assertIn(self.leader.partner_id, reply.sudo().needaction_partner_ids)

    def test_archived_not_escalated(self):
        """An archived request is neither flagged nor escalated."""
        request = self._request()
        request.active = False
        self.assertEqual(self.Request._cron_sla(now=LATE), {})
        self.assertEqual(request.escalation_level, 0)
        self.assertEqual(request.sla_resolve_status, "ongoing")

    def test_level_resets(self):
        """A request escalated, then given a later deadline (a lower priority
        with a longer SLA), is no longer escalated; a request reopened after
        closing starts over too."""
        self.env["crm.service.sla"].create({
            "name": "Low priority", "sequence": 1, "priority": "0",
            "calendar_id": self.calendar.id, "response_hours": 8.0,
            "resolve_hours": 80.0, "company_id": self.company.id})
        request = self._request()
        self.Request._cron_sla(now=LATE)
        self.assertEqual(request.escalation_level, 1)
        # 80 working hours from Friday 15:00 local: Monday 26, 15:00 local
        request.with_context(crm_service_now="2026-01-14 09:00:00").write(
            {"priority": "0"})
        self.assertEqual(request.sla_resolve_deadline, "2026-01-26 07:00:00")
        self.assertEqual(request.escalation_level, 0)
        self.assertFalse(request.escalation_date)
        other = self._request(name="Reopened")
        self.Request._cron_sla(now=LATE)
        self.assertEqual(other.escalation_level, 1)
        other.root_cause_id = False
        other.write({"stage_id": self.stage_resolved.id})
        other.write({"stage_id": self.stage_progress.id})
        self.assertEqual(other.escalation_level, 0)

    def test_batch_bounded(self):
        """One run escalates at most its batch; the next run takes the rest."""
        requests = self._request() | self._request(name="Two") | \
            self._request(name="Three")
        self.assertEqual(self.Request._escalate(LATE, limit=2), {1: 2})
        self.assertEqual(self.Request._escalate(LATE, limit=2), {1: 1})
        self.assertEqual(requests.mapped("escalation_level"), [1, 1, 1])
