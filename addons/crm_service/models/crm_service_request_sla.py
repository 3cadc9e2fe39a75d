# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The SLA engine of service requests: deadlines in working hours, pauses while
waiting on the customer, the first response and the closing verdict, breaches."""
from collections import defaultdict

from psycopg2 import sql

from odoo import api, fields, models

SLA_STATUS = [
    ("none", "No SLA"),
    ("ongoing", "Ongoing"),
    ("met", "Met"),
    ("failed", "Failed"),
]

# SLA targets passed without the response or the resolution (paused requests wait).
_BREACH_SQL = """
WITH open_req AS (
    SELECT r.id
      FROM crm_service_request r
      JOIN crm_service_stage s ON s.id = r.stage_id
     WHERE r.active AND NOT s.is_closed AND NOT s.is_pause
       AND ((r.sla_response_status = 'ongoing' AND r.sla_response_deadline < %(now)s)
            OR (r.sla_resolve_status = 'ongoing' AND r.sla_resolve_deadline < %(now)s))
)
UPDATE crm_service_request r
   SET sla_response_status = CASE
           WHEN r.sla_response_status = 'ongoing'
                AND r.sla_response_deadline < %(now)s THEN 'failed'
           ELSE r.sla_response_status END,
       sla_resolve_status = CASE
           WHEN r.sla_resolve_status = 'ongoing'
                AND r.sla_resolve_deadline < %(now)s THEN 'failed'
           ELSE r.sla_resolve_status END
  FROM open_req
 WHERE r.id = open_req.id
"""


# Fields kept by the SLA, stage and reply logic, written by _write_sla_fields.
_SLA_FIELDS = {
    "sla_id", "sla_response_deadline", "sla_resolve_deadline", "sla_response_status",
    "sla_resolve_status", "paused_hours", "pause_start", "close_date",
    "first_response_date", "escalation_level", "escalation_date",
}


_SLA_FACTS_SQL = """
SELECT r.id, r.company_id, r.type_id, r.priority, p.value_tier, r.date_open,
       r.paused_hours, r.pause_start, r.sla_id, r.sla_response_deadline,
       r.sla_resolve_deadline, r.sla_response_status, r.sla_resolve_status,
       r.first_response_date, r.escalation_level
  FROM crm_service_request r
  LEFT JOIN res_partner p ON p.id = r.commercial_partner_id
 WHERE r.id = ANY(%s)
"""


def _dt(value):
    return fields.Datetime.from_string(value) if value else None


class CrmServiceRequestSla(models.Model):
    _inherit = "crm.service.request"

    first_response_date = fields.Datetime(
        readonly=True,
        copy=False,
    )
    close_date = fields.Datetime(
        readonly=True,
        copy=False,
    )
    sla_id = fields.Many2one(
        comodel_name="crm.service.sla",
        string="SLA",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )
    sla_response_deadline = fields.Datetime(
        string="First Response Deadline",
        readonly=True,
        copy=False,
        index=True,
    )
    sla_resolve_deadline = fields.Datetime(
        string="Resolution Deadline",
        readonly=True,
        copy=False,
        index=True,
    )
    sla_response_status = fields.Selection(
        selection=SLA_STATUS,
        string="First Response SLA",
        default="none",
        readonly=True,
        copy=False,
    )
    sla_resolve_status = fields.Selection(
        selection=SLA_STATUS,
        string="Resolution SLA",
        default="none",
        readonly=True,
        copy=False,
    )
    paused_hours = fields.Float(
        string="Waiting on Customer (hours)",
        readonly=True,
        copy=False,
        help="Working hours spent in stages waiting on the customer: they do not "
             "count against the SLA.",
        groups="base.group_user",
    )
    pause_start = fields.Datetime(
        readonly=True,
        copy=False,
        groups="base.group_user",
    )

    # ------------------------------------------------------------------ SLA
    # A mass edit (a stage or a priority changed on hundreds of requests from the
    # list view) costs a bounded number of queries: the facts of every request in
    # one query (_sla_facts), the SLAs searched once, each calendar read once, the
    # deadlines computed in Python and the SLA fields written by one UPDATE per set
    # of fields (_write_sla_fields). Reading the same facts through the ORM would
    # load every column of every request and customer (about 1 ms per request in
    # Odoo 11).

    @api.multi
    def _sla_facts(self):
        """``{request id: row}``: what the SLA logic reads of each request, its
        customer's tier included (whether or not the user may read the customer),
        as stored (the ORM writes immediately in Odoo 11)."""
        if not self:
            return {}
        self.env.cr.execute(_SLA_FACTS_SQL, (self.ids,))
        return {row["id"]: row for row in self.env.cr.dictfetchall()}

    @api.multi
    def _apply_sla(self):
        """Find each request's SLA and compute its deadlines from its start."""
        facts = self._sla_facts()
        keys = {
            request_id: (row["company_id"], row["type_id"], row["priority"],
                         row["value_tier"] or False)
            for request_id, row in facts.items()
        }
        found = self.env["crm.service.sla"]._find_many(set(keys.values()))
        self._write_sla_fields(self._deadline_values(
            {request_id: found[key] for request_id, key in keys.items()}, facts))

    @api.model
    def _deadline_values(self, slas, facts, paused_hours=None):
        """``{request id: SLA field values}`` for the SLA given to each request in
        ``slas`` (``{request id: sla}``, an empty record for none), from the
        requests' ``facts`` and their paused hours, or those in ``paused_hours``.
        An escalated request whose resolution deadline moves later than now is
        no longer escalated."""
        paused_hours = paused_hours or {}
        now = self._now()
        calendars = self.env["crm.service.sla"].union(
            *slas.values())._work_calendars()
        result = {}
        for request_id, sla in slas.items():
            row = facts[request_id]
            if not sla:
                result[request_id] = {
                    "sla_id": False, "sla_response_deadline": False,
                    "sla_resolve_deadline": False, "sla_response_status": "none",
                    "sla_resolve_status": "none"}
                continue
            calendar = calendars[sla.id]
            start = _dt(row["date_open"])
            paused = paused_hours.get(request_id, row["paused_hours"] or 0.0)
            vals = {"sla_id": sla.id}
            for name, hours in (("sla_response_deadline", sla.response_hours),
                                ("sla_resolve_deadline", sla.resolve_hours)):
                vals[name] = fields.Datetime.to_string(
                    calendar.add_hours(start, hours + paused))
            for name in ("sla_response_status", "sla_resolve_status"):
                if row[name] in ("none", None):
                    vals[name] = "ongoing"
            deadline = _dt(vals["sla_resolve_deadline"])
            if row["escalation_level"] and deadline > now and \
                    deadline != _dt(row["sla_resolve_deadline"]):
                vals.update(escalation_level=0, escalation_date=False)
            result[request_id] = vals
        return result

    @api.multi
    def _write_sla_fields(self, values):
        """Write ``{request id: vals}`` of the fields the SLA, stage and reply logic
        keep (read-only for users, so written whatever the user's rights): one
        UPDATE per set of fields, where the ORM would send one per request since
        every request gets its own deadlines."""
        groups = defaultdict(dict)
        for request_id, vals in values.items():
            if vals:
                groups[tuple(sorted(vals))][request_id] = vals
        for names, rows in groups.items():
            unknown = set(names) - _SLA_FIELDS
            if unknown:
                raise ValueError("not an SLA field: %s" % ", ".join(sorted(unknown)))
            ids = list(rows)
            columns = [ids]
            for name in names:
                field = self._fields[name]
                columns.append([field.convert_to_column(rows[i][name], self)
                                for i in ids])
            # identifiers come from _SLA_FIELDS and the fields' column types,
            # values are parameters
            query = sql.SQL("""
                UPDATE crm_service_request r
                   SET {assign}, write_uid = %s,
                       write_date = (now() at time zone 'UTC')
                  FROM unnest(%s::int4[], {arrays}) AS v(id, {names})
                 WHERE r.id = v.id
            """).format(
                assign=sql.SQL(", ").join(
                    sql.SQL("{0} = v.{0}").format(sql.Identifier(name))
                    for name in names),
                arrays=sql.SQL(", ").join(
                    sql.SQL("%s::{}[]").format(
                        sql.SQL(self._fields[name].column_type[1]))
                    for name in names),
                names=sql.SQL(", ").join(sql.Identifier(name) for name in names))
            self.env.cr.execute(query, [self.env.uid] + columns)
            records = self.browse(ids)
            records.invalidate_cache(list(names), ids)
            records.modified(list(names))
        if groups and self.env.recompute and self.env.context.get("recompute", True):
            self.recompute()

    @api.multi
    def _on_stage_change(self, before, new_stage, now):
        now_str = fields.Datetime.to_string(now)
        changed = self.browse([
            request_id for request_id, stage in before.items() if stage != new_stage])
        facts = changed._sla_facts()
        slas = self.env["crm.service.sla"].browse(
            {row["sla_id"] for row in facts.values() if row["sla_id"]})
        calendars = slas._work_calendars()
        # the time spent waiting moves the deadlines: the paused hours first, so
        # that a request closed straight from a pause is judged against its
        # extended deadlines
        resumed = {}
        for request_id, row in facts.items():
            if before[request_id].is_pause and row["pause_start"] and row["sla_id"]:
                resumed[request_id] = (row["paused_hours"] or 0.0) + calendars[
                    row["sla_id"]].hours_between(_dt(row["pause_start"]), now)
        values = self._deadline_values(
            {request_id: slas.browse(facts[request_id]["sla_id"])
             for request_id in resumed}, facts, paused_hours=resumed)
        for request_id, row in facts.items():
            old = before[request_id]
            vals = values.setdefault(request_id, {})
            if request_id in resumed:
                vals["paused_hours"] = resumed[request_id]
            if old.is_pause and row["pause_start"]:
                vals["pause_start"] = False
            if new_stage.is_pause:
                vals["pause_start"] = now_str
            if new_stage.is_cancel and not old.is_cancel:
                # not solved: no SLA verdict, no survey, not in the figures
                vals.update(close_date=vals.get("close_date") or now_str,
                            sla_response_status="none", sla_resolve_status="none")
            elif new_stage.is_closed and (not old.is_closed or old.is_cancel):
                vals.update(self._closing_values(dict(row, **vals), now))
            elif old.is_closed and not new_stage.is_closed:
                # reopened: the request starts over with the team
                vals.update(close_date=False, escalation_level=0,
                            escalation_date=False)
        self._write_sla_fields(values)
        # back from a cancellation: the SLA runs again
        changed.filtered(lambda r: before[r.id].is_cancel
                         and not new_stage.is_closed)._apply_sla()
        if new_stage.is_closed and not new_stage.is_cancel:
            changed.filtered(lambda r: not before[r.id].is_closed
                             or before[r.id].is_cancel)._send_survey()

    @api.model
    def _closing_values(self, row, now):
        """The SLA fields of a request (its ``_sla_facts`` row) closed at ``now``."""
        now_str = fields.Datetime.to_string(now)
        vals = {"close_date": now_str}
        if not row["first_response_date"]:
            vals["first_response_date"] = now_str
        if row["sla_id"] and row["sla_response_deadline"] and \
                row["sla_resolve_deadline"]:
            response = _dt(vals.get("first_response_date")
                           or row["first_response_date"])
            vals["sla_response_status"] = (
                "met" if response <= _dt(row["sla_response_deadline"]) else "failed")
            vals["sla_resolve_status"] = (
                "met" if now <= _dt(row["sla_resolve_deadline"]) else "failed")
        return vals

    @api.multi
    def _mark_responded(self):
        now = fields.Datetime.to_string(self._now())
        values = {}
        for request_id, row in self._sla_facts().items():
            if row["first_response_date"]:
                continue
            vals = values[request_id] = {"first_response_date": now}
            if row["sla_response_status"] == "ongoing" and \
                    row["sla_response_deadline"]:
                vals["sla_response_status"] = (
                    "met" if _dt(now) <= _dt(row["sla_response_deadline"])
                    else "failed")
        self._write_sla_fields(values)

    @api.model
    def _cron_sla(self, now=None):
        """Deadlines missing, SLA breaches, then one level of escalation."""
        now = now or self._now()
        missing = self.search([
            ("sla_id", "!=", False), ("sla_resolve_deadline", "=", False),
            ("is_closed", "=", False)], limit=5000)
        missing._apply_sla()
        self.env.cr.execute(_BREACH_SQL, {"now": now})
        self.invalidate_cache(["sla_response_status", "sla_resolve_status"])
        return self._escalate(now)
