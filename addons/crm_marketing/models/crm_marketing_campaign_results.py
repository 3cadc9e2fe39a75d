# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Results of a campaign, read from the promotion analysis.

Figures are in the company's currency:

* actual cost: the analytic lines of the campaign's analytic account that come
  from posted entries of purchase journals (vendor bills and refunds, expenses),
  costs counted positive; customer invoices on the account are no cost;
* reached, opened, clicked, replied, bounced: the statistics of its mailings;
* revenue and margin: untaxed amount and margin of the confirmed sale orders that
  carry the campaign's UTM campaign, converted at the order date;
* ROI, cost per lead and cost per customer: ``logic/roi.py``.

These are the campaign's figures: the same for every reader allowed to see the
campaign (the analysis report and the member list show per-customer details
under the reader's record rules).
"""
from odoo import _, api, fields, models
from odoo.osv import expression

from ..logic.roi import allocate, roi_figures

# Measures of the promotion analysis shown as the campaign's results (all sums).
RESULT_MEASURES = [
    "planned_cost", "actual_cost", "reached_count", "opened_count", "clicked_count",
    "replied_count", "bounced_count", "lead_count", "opportunity_count",
    "order_count", "customer_count", "revenue", "margin",
]

# Columns of the result tables on the form, per grouping of the analysis.
CHANNEL_COLUMNS = [
    "planned_cost", "actual_cost", "reached_count", "opened_count", "clicked_count",
    "replied_count", "lead_count", "order_count", "revenue", "margin",
]
SEGMENT_COLUMNS = [
    "reached_count", "opened_count", "clicked_count", "replied_count",
    "bounced_count", "lead_count", "opportunity_count", "order_count",
    "customer_count", "revenue", "margin",
]
MONETARY_MEASURES = ("planned_cost", "actual_cost", "revenue", "margin",
                     "cost_share", "cost_per_lead", "cost_per_customer")
# the ROI columns of the tables (by channel: the channel's actual cost; by
# segment: the segment's share of the campaign's actual cost)
ROI_COLUMNS = ["roi", "cost_per_lead", "cost_per_customer"]
SEGMENT_ROI_COLUMNS = ["cost_share"] + ROI_COLUMNS

# members per segment of their customer (column names from this constant only)
_MEMBER_SEGMENTS_SQL = """
SELECT cp.{column}, count(*)
  FROM crm_marketing_campaign_member m
  JOIN res_partner p ON p.id = m.partner_id
  JOIN res_partner cp ON cp.id = p.commercial_partner_id
 WHERE m.campaign_id = %s
 GROUP BY cp.{column}
"""
_SEGMENT_COLUMNS_SQL = {
    "rfm_segment": _MEMBER_SEGMENTS_SQL.format(column="rfm_segment"),
    "lifecycle_stage_id": _MEMBER_SEGMENTS_SQL.format(column="lifecycle_stage_id"),
}


class CrmMarketingCampaign(models.Model):
    _inherit = "crm.marketing.campaign"

    planned_cost = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_results",
    )
    actual_cost = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_results",
        help="Posted analytic lines of purchase journals (vendor bills, refunds, "
             "expenses) on the campaign's analytic account.",
    )
    reached_count = fields.Integer(
        string="Reached",
        compute="_compute_results",
        help="Emails of the campaign's mailings delivered (sent, neither bounced "
             "nor failed).",
    )
    opened_count = fields.Integer(
        string="Opened",
        compute="_compute_results",
        help="Emails of the campaign's mailings opened.",
    )
    clicked_count = fields.Integer(
        string="Clicked",
        compute="_compute_results",
        help="Emails of the campaign's mailings with a tracked link clicked.",
    )
    replied_count = fields.Integer(
        string="Replied",
        compute="_compute_results",
        help="Emails of the campaign's mailings replied to.",
    )
    bounced_count = fields.Integer(
        string="Bounced",
        compute="_compute_results",
        help="Emails of the campaign's mailings that bounced.",
    )
    lead_count = fields.Integer(
        string="Leads",
        compute="_compute_results",
        help="Leads and opportunities, open or not, carrying the UTM campaign.",
    )
    opportunity_count = fields.Integer(
        string="Opportunities",
        compute="_compute_results",
    )
    order_count = fields.Integer(
        string="Won Orders",
        compute="_compute_results",
        help="Confirmed sale orders carrying the UTM campaign.",
    )
    customer_count = fields.Integer(
        string="Customers Acquired",
        compute="_compute_results",
        help="Customers whose first confirmed order came from the campaign.",
    )
    revenue = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_results",
        help="Untaxed amount of the confirmed orders, in company currency.",
    )
    margin = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_results",
    )
    roi = fields.Float(
        string="ROI (%)",
        compute="_compute_results",
        help="(Margin - actual cost) / actual cost, in percent.",
    )
    cost_per_lead = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_results",
    )
    cost_per_customer = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_results",
    )
    results_by_channel = fields.Html(
        string="Results by Channel",
        compute="_compute_result_tables",
        sanitize=False,
        help="Planned and actual cost, reach, what came back and the ROI per "
             "channel. Actual costs of bill lines drafted from no planned cost are "
             "unassigned.",
    )
    results_by_segment = fields.Html(
        string="Results by Customer Segment",
        compute="_compute_result_tables",
        sanitize=False,
        help="Mailing engagement, leads and orders per RFM segment and lifecycle "
             "stage of the customers (as they are now).",
    )

    @api.multi
    def _compute_results(self):
        figures = self._results()
        for campaign in self:
            campaign.update(figures[campaign.id])

    @api.multi
    def _compute_result_tables(self):
        for campaign in self:
            campaign.results_by_channel = campaign._render_results_by(
                "channel_id", CHANNEL_COLUMNS + ROI_COLUMNS)
            tables = [campaign._render_results_by(
                dimension, SEGMENT_COLUMNS + SEGMENT_ROI_COLUMNS)
                for dimension in ("rfm_segment", "lifecycle_stage_id")]
            campaign.results_by_segment = "".join(filter(None, tables)) or False

    @api.multi
    def action_view_leads(self):
        self.ensure_one()
        action = self._window(_("Leads"), "crm.lead",
                              [("campaign_id", "=", self.utm_campaign_id.id)])
        action["context"] = {"active_test": False}
        return action

    @api.multi
    def action_view_orders(self):
        self.ensure_one()
        return self._window(_("Orders"), "sale.order", [
            ("campaign_id", "=", self.utm_campaign_id.id),
            ("state", "in", ("sale", "done"))])

    @api.multi
    def action_view_analysis(self):
        """The promotion analysis of this campaign, by channel."""
        self.ensure_one()
        action = self.env.ref("crm_marketing.crm_marketing_analysis_action").read()[0]
        action["domain"] = self._analysis_domain()
        action["context"] = {"group_by": ["channel_id"]}
        return action

    @api.multi
    def _analysis_domain(self):
        """Rows of the promotion analysis that make these campaigns' results."""
        return [("campaign_id", "in", [i for i in self.ids if isinstance(i, int)])]

    @api.multi
    def _read_analysis(self, groupby, measures, domain=None):
        """Sums of the promotion analysis for these campaigns, whoever reads.

        The campaigns are those the reader may read; their KPIs are theirs, not
        the part of them the reader's customer visibility would leave.
        """
        base = self._analysis_domain()
        if not base[0][2]:
            return []
        self.check_access_rights("read")
        self.check_access_rule("read")
        # sudo: the rows are limited to campaigns the reader may read (checked
        # above) and only sums per channel or segment leave this method
        Analysis = self.env["crm.marketing.analysis"].sudo()
        return Analysis.read_group(expression.AND([base, domain or []]),
                                   list(measures) + groupby, groupby, lazy=False)

    @api.multi
    def _results(self):
        """Result figures per campaign id, in company currency."""
        empty = dict.fromkeys(RESULT_MEASURES, 0)
        empty.update(roi=0.0, cost_per_lead=0.0, cost_per_customer=0.0)
        figures = {campaign.id: dict(empty) for campaign in self}
        for group in self._read_analysis(["campaign_id"], RESULT_MEASURES):
            row = figures[group["campaign_id"][0]]
            row.update({name: group[name] or 0 for name in RESULT_MEASURES})
        for campaign in self:
            row = figures[campaign.id]
            row["actual_cost"] = campaign.currency_id.round(row["actual_cost"])
            row.update(roi_figures(row["actual_cost"], row["margin"],
                                   row["lead_count"], row["customer_count"]))
        return figures

    @api.multi
    def _results_by(self, dimension, measures):
        """Results of one campaign grouped by a field of the promotion analysis
        (``channel_id``, ``rfm_segment``, ``lifecycle_stage_id``...): a list of
        dicts with the group's ``key``, its ``label`` and the measures, groups
        without a value last.

        The ROI columns of a channel use its actual cost; those of a segment its
        ``cost_share``: the campaign's actual cost split by the segment's share
        of the members (the audience the money reached)."""
        self.ensure_one()
        domain = []
        if dimension != "channel_id":
            # segments are those of the customers: mailings, leads and orders
            domain = ["|", "|", ("partner_id", "!=", False), ("lead_count", "!=", 0),
                      ("order_count", "!=", 0)]
        sums = [name for name in measures if name not in SEGMENT_ROI_COLUMNS]
        with_roi = len(sums) < len(measures)
        needed = set(sums) | ({"actual_cost", "margin", "lead_count",
                               "customer_count"} if with_roi else set())
        rows = {}
        for group in self._read_analysis([dimension], sorted(needed), domain):
            value = group[dimension]
            key = (value[0] if isinstance(value, (list, tuple)) else value) or False
            rows[key] = {name: group[name] or 0 for name in needed}
        shares = {}
        if with_roi and dimension in _SEGMENT_COLUMNS_SQL:
            shares = self._cost_shares(dimension)
            for key in shares:
                rows.setdefault(key, dict.fromkeys(needed, 0))
        for key, row in rows.items():
            row["key"] = key
            if with_roi:
                cost = shares.get(key, 0.0) if dimension in _SEGMENT_COLUMNS_SQL \
                    else row["actual_cost"]
                row["cost_share"] = cost
                row.update(roi_figures(cost, row["margin"], row["lead_count"],
                                       row["customer_count"]))
        result = sorted(rows.values(), key=lambda r: not r["key"])
        self._label_rows(dimension, result)
        return result

    @api.multi
    def _cost_shares(self, dimension):
        """The campaign's actual cost split over the segments of its members."""
        self.ensure_one()
        self.env.cr.execute(_SEGMENT_COLUMNS_SQL[dimension], (self.id,))
        weights = {key or False: count for key, count in self.env.cr.fetchall()}
        return allocate(self._results()[self.id]["actual_cost"], weights)

    @api.multi
    def _label_rows(self, dimension, rows):
        """Give each row the label of its key (a name, a selection label)."""
        field = self.env["crm.marketing.analysis"]._fields[dimension]
        if field.type == "many2one":
            # sudo: names of channels and stages, labels of the campaign's table
            records = self.env[field.comodel_name].sudo().browse(
                [r["key"] for r in rows if r["key"]])
            labels = dict(records.name_get())
        else:
            labels = dict(field.get_description(self.env).get("selection") or [])
        none_label = {
            "channel_id": _("Unassigned"),
            "rfm_segment": _("No segment"),
            "lifecycle_stage_id": _("No stage"),
        }.get(dimension, _("Undefined"))
        for row in rows:
            row["label"] = labels.get(row["key"], row["key"]) if row["key"] \
                else none_label

    @api.multi
    def _render_results_by(self, dimension, measures):
        """The grouped results as an HTML table for the form (False when empty)."""
        self.ensure_one()
        rows = self._results_by(dimension, measures)
        if not rows:
            return False
        strings = dict(self.env["crm.marketing.analysis"].fields_get(
            [dimension] + [m for m in measures if m not in SEGMENT_ROI_COLUMNS],
            ["string"]))
        strings.update(self.fields_get(
            [m for m in measures if m in ROI_COLUMNS], ["string"]))
        strings["cost_share"] = {"string": _("Cost Share")}
        return self.env["ir.qweb"].render("crm_marketing.campaign_result_table", {
            "title": strings[dimension]["string"],
            "columns": [(name, strings[name]["string"], name in MONETARY_MEASURES)
                        for name in measures],
            "rows": rows,
            "currency": self.currency_id,
        }).decode()
