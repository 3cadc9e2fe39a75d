# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape

from ..logic.rfm import SEGMENTS
from .crm_lifecycle_profile import VALUE_TIERS
from .crm_lifecycle_profile_sql import REVENUE_INVOICES

# The context value that lets ``_lifecycle_set_stage`` write a lock. A Python
# object compared with ``is``: a JSON-RPC caller can set any context key, but
# cannot carry this object, so a forged ``{"crm_lifecycle_set_stage": true}`` is
# refused.
_SET_STAGE = object()

# The profile that speaks for a partner: the one of its own company, else the one
# with the latest order. History rows and chatter notes are written for the
# commercial partners whose stage changes; the stage is copied to their contacts.
_SYNC_SQL = """
CREATE TEMP TABLE crm_lifecycle_sync ON COMMIT DROP AS
SELECT s.partner_id, s.company_id, s.stage_id, s.value_tier, s.rfm_segment,
       s.rule, s.old_stage_id
  FROM (SELECT pr.partner_id, pr.company_id,
               -- a stage locked by a manager stays; the figures keep updating
               CASE WHEN p.lifecycle_locked_until >= %(ref)s
                    THEN p.lifecycle_stage_id ELSE pr.stage_id END AS stage_id,
               pr.value_tier, pr.rfm_segment, pr.rule,
               p.lifecycle_stage_id AS old_stage_id, p.value_tier AS old_tier,
               p.rfm_segment AS old_segment
          FROM (SELECT DISTINCT ON (pr.partner_id) pr.partner_id, pr.company_id,
                       pr.stage_id, pr.value_tier, pr.rfm_segment, pr.rule
                  FROM crm_lifecycle_profile pr
                  JOIN res_partner cp ON cp.id = pr.partner_id
                 WHERE (%(all)s OR pr.partner_id = ANY(%(partners)s))
                 ORDER BY pr.partner_id, (pr.company_id = cp.company_id) IS TRUE DESC,
                          pr.last_order_date DESC NULLS LAST, pr.company_id) pr
          JOIN res_partner p ON p.id = pr.partner_id) s
 WHERE (s.old_stage_id, s.old_tier, s.old_segment)
       IS DISTINCT FROM (s.stage_id, s.value_tier, s.rfm_segment)
UNION ALL
-- customers without sales facts are suspects; internal users' and companies' own
-- partners get no lifecycle (a stage they were given earlier is removed)
SELECT p.id, p.company_id,
       CASE WHEN staff.staff THEN NULL ELSE %(suspect)s END, NULL, NULL, 'no_sale',
       p.lifecycle_stage_id
  FROM res_partner p
  CROSS JOIN LATERAL (
      SELECT EXISTS (SELECT 1 FROM res_users u
                      WHERE u.partner_id = p.id AND NOT u.share)
             OR EXISTS (SELECT 1 FROM res_company co WHERE co.partner_id = p.id)
             AS staff) staff
 WHERE %(suspect)s IS NOT NULL AND p.active AND p.id = p.commercial_partner_id
   AND (p.lifecycle_locked_until IS NULL OR p.lifecycle_locked_until < %(ref)s)
   AND (%(all)s OR p.id = ANY(%(partners)s))
   AND NOT EXISTS (SELECT 1 FROM crm_lifecycle_profile pr WHERE pr.partner_id = p.id)
   AND CASE WHEN staff.staff THEN p.lifecycle_stage_id IS NOT NULL
            ELSE (p.customer OR p.lifecycle_stage_id IS NOT NULL)
                 AND p.lifecycle_stage_id IS DISTINCT FROM %(suspect)s END
"""

_REVENUE_SQL = """
SELECT commercial_partner_id, sum(amount_untaxed_signed)
  FROM account_invoice
 WHERE company_id = %(company)s AND """ + REVENUE_INVOICES + """
   AND date_invoice >= %(date_from)s AND date_invoice <= %(date_to)s
   AND (%(all)s OR commercial_partner_id = ANY(%(partners)s))
 GROUP BY commercial_partner_id
"""

_HISTORY_SQL = """
INSERT INTO crm_lifecycle_history (partner_id, company_id, from_stage_id, to_stage_id,
                                   date, origin, rule, create_uid, write_uid,
                                   create_date, write_date)
SELECT partner_id, company_id, old_stage_id, stage_id, %(ref)s, 'rule', rule,
       %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
  FROM crm_lifecycle_sync
 WHERE stage_id IS DISTINCT FROM old_stage_id AND stage_id IS NOT NULL
"""

# A note in the partner's chatter for each stage change, written in one statement.
# The HTML is built outside Odoo's sanitizer: every value in it comes escaped from
# Python (``html`` of the stages, the label).
_MESSAGE_SQL = """
WITH names AS (
    SELECT * FROM unnest(%(stage_ids)s::int[], %(stage_html)s::text[]) AS n(id, html)
)
INSERT INTO mail_message (model, res_id, message_type, subtype_id, author_id, body,
                          date, record_name, create_uid, write_uid, create_date,
                          write_date)
SELECT 'res.partner', s.partner_id, 'notification', %(subtype)s, %(author)s,
       '<p>' || %(label)s || ' ' || coalesce(f.html || ' &#8594; ', '') || t.html
             || '</p>',
       now() at time zone 'UTC', p.display_name, %(uid)s, %(uid)s,
       now() at time zone 'UTC', now() at time zone 'UTC'
  FROM crm_lifecycle_sync s
  JOIN res_partner p ON p.id = s.partner_id
  JOIN names t ON t.id = s.stage_id
  LEFT JOIN names f ON f.id = s.old_stage_id
 WHERE s.stage_id IS DISTINCT FROM s.old_stage_id
"""

_UPDATE_SQL = """
UPDATE res_partner p
   SET lifecycle_stage_id = s.stage_id, value_tier = s.value_tier,
       rfm_segment = s.rfm_segment,
       lifecycle_date = CASE WHEN s.stage_id IS DISTINCT FROM s.old_stage_id
                             THEN %(ref)s ELSE p.lifecycle_date END
  FROM crm_lifecycle_sync s
 WHERE p.commercial_partner_id = s.partner_id
"""


class ResPartner(models.Model):
    _inherit = "res.partner"

    lifecycle_stage_id = fields.Many2one(
        comodel_name="crm.lifecycle.stage",
        string="Lifecycle Stage",
        index=True,
        copy=False,
        track_visibility="onchange",
        ondelete="restrict",
        group_expand="_read_group_lifecycle_stage_ids",
    )
    lifecycle_date = fields.Date(
        string="Stage Since",
        copy=False,
    )
    lifecycle_locked_until = fields.Date(
        string="Stage Locked Until",
        copy=False,
        help="The automatic rules leave the stage set by hand until this date.",
    )
    value_tier = fields.Selection(
        selection=VALUE_TIERS,
        index=True,
        copy=False,
    )
    rfm_segment = fields.Selection(
        selection=SEGMENTS,
        string="RFM Segment",
        index=True,
        copy=False,
    )
    lifecycle_profile_ids = fields.One2many(
        comodel_name="crm.lifecycle.profile",
        inverse_name="partner_id",
        string="Customer Profiles",
        groups="sales_team.group_sale_salesman",
    )
    lifecycle_history_ids = fields.One2many(
        comodel_name="crm.lifecycle.history",
        inverse_name="partner_id",
        string="Lifecycle History",
        groups="sales_team.group_sale_salesman",
    )

    @api.multi
    def write(self, vals):
        # a lock freezes the stage: only the manager's stage wizard sets it, with
        # a reason and a history row (the superuser for data set-up)
        if "lifecycle_locked_until" in vals and self.env.uid != SUPERUSER_ID \
                and self.env.context.get("crm_lifecycle_set_stage") is not _SET_STAGE:
            raise UserError(_(
                "A lifecycle stage is locked only through \"Set Lifecycle Stage\" "
                "(sales managers), with a reason kept in the history."))
        return super().write(vals)

    @api.model
    def _read_group_lifecycle_stage_ids(self, stages, domain, order):
        return stages.search([], order=order)

    @api.model
    def _crm_customer_revenue(self, date_from, date_to, company, partner_ids=None):
        """Customer revenue, the suite's one definition: posted customer invoices
        net of refunds, untaxed, in company currency, dated within
        [date_from, date_to]. Returns {commercial partner id: amount}."""
        self.env.cr.execute(_REVENUE_SQL, {
            "company": company.id, "date_from": date_from, "date_to": date_to,
            "all": partner_ids is None, "partners": list(partner_ids or []),
        })
        return {partner_id: float(amount)
                for partner_id, amount in self.env.cr.fetchall()}

    @api.model
    def _lifecycle_recompute(self, ref_date=None, partner_ids=None):
        """Recompute stages, figures and segments of every company's customers.

        ``partner_ids`` restricts the run to those commercial partners (used when
        orders are confirmed or cancelled). Idempotent: a second run on the same
        date changes nothing.
        """
        ref = fields.Date.from_string(ref_date or fields.Date.context_today(self))
        # The recompute writes figures of every customer of every company: it runs
        # as superuser, whoever triggered it (cron, order confirmation).
        profiles = self.env["crm.lifecycle.profile"].sudo()
        touched = []
        for company in self.env["res.company"].sudo().search([]):
            touched += profiles._recompute(company, ref, partner_ids)
        if partner_ids is not None:
            touched = list(set(touched) | set(partner_ids))
        self._lifecycle_sync(ref, None if partner_ids is None else touched)

    @api.model
    def _lifecycle_sync(self, ref, partner_ids):
        cr = self.env.cr
        suspect = self.env["crm.lifecycle.stage"].search(
            [("code", "=", "suspect")], limit=1).id
        cr.execute("DROP TABLE IF EXISTS crm_lifecycle_sync")
        cr.execute(_SYNC_SQL, {
            "all": partner_ids is None, "partners": list(partner_ids or []),
            "ref": ref, "suspect": suspect or None,
        })
        params = {"ref": ref, "uid": self.env.uid}
        cr.execute(_HISTORY_SQL, params)
        stages = self.env["crm.lifecycle.stage"].with_context(
            active_test=False).search([])
        cr.execute(_MESSAGE_SQL, dict(
            params,
            subtype=self.env.ref("mail.mt_note").id,
            author=self.env.ref("base.partner_root").id,
            label=html_escape(_("Lifecycle stage:")),
            stage_ids=stages.ids,
            stage_html=[html_escape(stage.name) for stage in stages],
        ))
        cr.execute(_UPDATE_SQL, params)
        cr.execute("SELECT partner_id FROM crm_lifecycle_sync")
        changed = [row[0] for row in cr.fetchall()]
        cr.execute("DROP TABLE crm_lifecycle_sync")
        self._crm_update_customer_flag(changed)
        self.invalidate_cache([
            "lifecycle_stage_id", "value_tier", "rfm_segment", "lifecycle_date",
            "lifecycle_history_ids", "lifecycle_profile_ids", "message_ids",
        ])

    @api.multi
    def _lifecycle_set_stage(self, stage, reason, locked_until=False):
        """Set the stage by hand (managers), with a reason and an optional lock."""
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise UserError(_("Only sales managers can set a lifecycle stage by hand."))
        if not (reason or "").strip():
            raise UserError(_("Give a reason for setting the stage by hand."))
        today = fields.Date.context_today(self)
        if locked_until and locked_until < today:
            raise UserError(_("The lock date must not be in the past."))
        for partner in self.mapped("commercial_partner_id"):
            self.env["crm.lifecycle.history"].create({
                "partner_id": partner.id,
                "company_id": partner.company_id.id or self.env.user.company_id.id,
                "from_stage_id": partner.lifecycle_stage_id.id,
                "to_stage_id": stage.id,
                "date": today,
                "origin": "manual",
                "user_id": self.env.uid,
                "reason": reason,
            })
            family = partner | partner.child_ids
            family.with_context(crm_lifecycle_set_stage=_SET_STAGE).write({
                "lifecycle_stage_id": stage.id,
                "lifecycle_date": today,
                "lifecycle_locked_until": locked_until or False,
            })
            partner.message_post(body=_("Lifecycle stage set to %(stage)s: %(reason)s")
                                 % {"stage": stage.name, "reason": reason})
        self._crm_update_customer_flag(self.mapped("commercial_partner_id").ids)

    @api.multi
    def action_view_lifecycle_history(self):
        self.ensure_one()
        action = self.env.ref("crm_lifecycle.crm_lifecycle_history_action").read()[0]
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        return action

    @api.model
    def _cron_update_lifecycle(self, ref_date=None):
        self._lifecycle_recompute(ref_date=ref_date)
        # counts of every company, like the recompute: superuser whoever runs it
        self.env["crm.lifecycle.snapshot"].sudo()._take_snapshot(ref_date)
