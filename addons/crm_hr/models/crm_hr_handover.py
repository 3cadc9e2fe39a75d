# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A portfolio moved from one employee to others, in one transaction."""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html_escape

from ..logic.distribution import distribute
from .hr_employee import OFFICER_GROUP

SALESMAN_GROUP = "sales_team.group_sale_salesman"

HANDOVER_REASONS = [
    ("transfer", "Transfer"),
    ("departure", "Departure"),
]

# One internal note on each moved customer, in one statement (the body is escaped
# in Python; the same note for every customer of one receiver).
_NOTE_SQL = """
INSERT INTO mail_message (model, res_id, message_type, subtype_id, author_id, body,
                          date, record_name, create_uid, write_uid, create_date,
                          write_date)
SELECT 'res.partner', p.id, 'notification', %(subtype)s, %(author)s, %(body)s,
       now() at time zone 'UTC', p.display_name, %(uid)s, %(uid)s,
       now() at time zone 'UTC', now() at time zone 'UTC'
  FROM res_partner p
 WHERE p.id = ANY(%(ids)s)
"""


class CrmHrHandover(models.Model):
    _name = "crm.hr.handover"
    _inherit = ["mail.thread"]
    _description = "Portfolio Handover"
    _order = "date desc, id desc"

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default="/",
    )
    date = fields.Datetime(
        required=True,
        readonly=True,
        default=fields.Datetime.now,
    )
    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        string="From Employee",
        required=True,
        readonly=True,
        index=True,
    )
    from_user_id = fields.Many2one(
        comodel_name="res.users",
        string="From User",
        required=True,
        readonly=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Done By",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.user.company_id,
    )
    reason = fields.Selection(
        selection=HANDOVER_REASONS,
        required=True,
        readonly=True,
    )
    note = fields.Text(
        readonly=True,
    )
    line_ids = fields.One2many(
        comodel_name="crm.hr.handover.line",
        inverse_name="handover_id",
        string="What Moved",
        readonly=True,
    )
    record_count = fields.Integer(
        string="Records Moved",
        readonly=True,
    )

    @api.model
    def _crm_hr_check_officer(self):
        if not self.env.user.has_group(OFFICER_GROUP):
            raise AccessError(_("Only HR officers may hand over a portfolio."))

    @api.model
    def _crm_hr_plan(self, employee, receivers):
        """{kind: {receiver employee: [record ids]}}: the leaver's whole portfolio,
        one search per kind; with several receivers spread evenly, each receiver's
        current portfolio counting."""
        self._crm_hr_check_officer()
        if not employee.user_id:
            raise UserError(_("%s has no user: there is no portfolio to hand over.")
                            % employee.name)
        # the officer never hands a portfolio to themselves (nor back to the leaver)
        receivers = receivers - employee - receivers.filtered(
            lambda e: e.user_id == self.env.user)
        if not receivers:
            raise UserError(_("Choose who receives the portfolio (someone other than "
                              "%s and yourself).") % employee.name)
        missing = receivers.filtered(lambda e: not e.user_id)
        if missing:
            raise UserError(_("These receivers have no user and cannot hold customer "
                              "work: %s") % ", ".join(missing.mapped("name")))
        # groups_id holds the implied groups too (sales managers are salespeople)
        salesman = self.env.ref(SALESMAN_GROUP)
        not_sales = receivers.filtered(lambda e: salesman not in e.user_id.groups_id)
        if not_sales:
            raise UserError(_("These receivers are not salespeople and cannot hold "
                              "customer work: %s") % ", ".join(
                                  not_sales.mapped("name")))
        sizes = receivers._crm_hr_full_portfolio_counts()
        loads = [(receiver, sum(sizes.get(receiver.user_id.id, {}).values()))
                 for receiver in receivers.sorted("id")]
        plan = {}
        for spec in employee._crm_hr_portfolio_kinds():
            # sudo: the HR officer moves work they may not read; only ids go on
            Model = self.env[spec["model"]].sudo()
            ids = Model.search(spec["domain"] + [
                (spec["field"], "=", employee.user_id.id)], order="id").ids
            if not ids:
                continue
            assigned, after = distribute(ids, loads)
            loads = [(receiver, after[receiver]) for receiver, _load in loads]
            plan[spec["kind"]] = {receiver: rec_ids
                                  for receiver, rec_ids in assigned.items() if rec_ids}
        return plan

    @api.model
    def _crm_hr_execute(self, employee, plan, reason, note=False):
        """Move every record of plan in this transaction; return the handover."""
        self._crm_hr_check_officer()
        if not plan:
            raise UserError(_("%s holds no customer work: nothing to hand over.")
                            % employee.name)
        leaver = employee.user_id
        specs = {spec["kind"]: spec for spec in employee._crm_hr_portfolio_kinds()}
        lines = []
        for kind, by_receiver in plan.items():
            spec = specs[kind]
            # sudo: the officer's group was checked above; the officer moves records
            # of every addon, which they may not write themselves.
            # prefetch_fields=False: Odoo's partner write syncs each partner with
            # its contacts, which otherwise loads every column of every contact
            # (most of the time of a 10,000-customer handover)
            Model = self.env[spec["model"]].sudo().with_context(
                tracking_disable=True, mail_notrack=True, prefetch_fields=False)
            for receiver, ids in by_receiver.items():
                records = Model.browse(ids)
                records.write({spec["field"]: receiver.user_id.id})
                self._crm_hr_move_followers(spec["model"], ids, leaver,
                                            receiver.user_id)
                self._crm_hr_move_activities(spec["model"], ids, leaver,
                                             receiver.user_id)
                self._crm_hr_move_events(spec["model"], ids, leaver, receiver.user_id)
                if kind == "customer":
                    self._crm_hr_post_notes(ids, employee, receiver, reason)
                lines.append((0, 0, {
                    "kind": kind, "model": spec["model"],
                    "employee_id": receiver.id, "user_id": receiver.user_id.id,
                    "record_count": len(ids),
                    "res_ids": ",".join(str(i) for i in ids),
                }))
        total = sum(line[2]["record_count"] for line in lines)
        # sudo: the handover is the officer's own record, its sequence and the
        # suite's access log (readable by managers only) are written on their behalf
        handover = self.sudo().create({
            "name": self.env["ir.sequence"].sudo().next_by_code("crm.hr.handover")
            or "/",
            "employee_id": employee.id,
            "company_id": self.env.user.company_id.id,
            "from_user_id": leaver.id,
            "user_id": self.env.uid,
            "reason": reason,
            "note": note,
            "line_ids": lines,
            "record_count": total,
        })
        self.env["crm.access.log"].sudo().create({
            "user_id": self.env.uid,
            "company_id": self.env.user.company_id.id,
            "event_type": "handover",
            "model": "hr.employee",
            "record_count": total,
            "description": _("%(ref)s: portfolio of %(leaver)s moved to %(to)s "
                             "(%(count)s records).") % {
                "ref": handover.name, "leaver": employee.name,
                "to": ", ".join(handover.line_ids.mapped("employee_id.name")),
                "count": total},
        })
        return handover.sudo(self.env.uid)

    @api.model
    def _crm_hr_move_followers(self, model, ids, leaver, receiver):
        """The leaver's subscriptions to the moved records go to the receiver (with
        their subtypes); where the receiver already follows, the leaver's go."""
        Followers = self.env["mail.followers"].sudo()
        old = Followers.search([("res_model", "=", model), ("res_id", "in", ids),
                                ("partner_id", "=", leaver.partner_id.id)])
        if not old:
            return
        already = set(Followers.search([
            ("res_model", "=", model), ("res_id", "in", old.mapped("res_id")),
            ("partner_id", "=", receiver.partner_id.id)]).mapped("res_id"))
        twice = old.filtered(lambda f: f.res_id in already)
        twice.unlink()
        (old - twice).write({"partner_id": receiver.partner_id.id})

    @api.model
    def _crm_hr_move_activities(self, model, ids, leaver, receiver):
        activities = self.env["mail.activity"].sudo().search([
            ("res_model", "=", model), ("res_id", "in", ids),
            ("user_id", "=", leaver.id)])
        if activities:
            activities.write({"user_id": receiver.id})

    @api.model
    def _crm_hr_move_events(self, model, ids, leaver, receiver):
        """Meetings still to come on the moved records: the receiver organises and
        attends them instead of the leaver."""
        domain = ["&", ("res_model", "=", model), ("res_id", "in", ids)]
        if model == "crm.lead":
            domain = ["|", ("opportunity_id", "in", ids)] + domain
        events = self.env["calendar.event"].sudo().search(domain + [
            ("user_id", "=", leaver.id), ("stop", ">=", fields.Datetime.now())])
        if events:
            events.write({
                "user_id": receiver.id,
                "partner_ids": [(3, leaver.partner_id.id),
                                (4, receiver.partner_id.id)],
            })

    @api.model
    def _crm_hr_post_notes(self, ids, employee, receiver, reason):
        body = "<p>%s</p>" % html_escape(_(
            "Portfolio handover (%(reason)s): salesperson %(from)s replaced by "
            "%(to)s.") % {
                "reason": dict(self._fields["reason"]._description_selection(
                    self.env))[reason],
                "from": employee.name, "to": receiver.name})
        self.env.cr.execute(_NOTE_SQL, {
            "subtype": self.env.ref("mail.mt_note").id,
            "author": self.env.user.partner_id.id,
            "body": body,
            "uid": self.env.uid,
            "ids": list(ids),
        })
