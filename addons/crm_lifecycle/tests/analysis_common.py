# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests.common import SavepointCase


class AnalysisCase(SavepointCase):
    """A company of its own (so demo data does not disturb counts) and helpers."""

    company_name = "Analysis Co"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(
            cls.env.context, tracking_disable=True, no_reset_password=True,
            mail_create_nosubscribe=True))
        usd = cls.env.ref("base.USD")
        cls.company = cls.env["res.company"].create({
            "name": cls.company_name, "currency_id": usd.id})
        cls.pricelist = cls.env["product.pricelist"].create({
            "name": "%s USD" % cls.company_name, "currency_id": usd.id,
            "company_id": cls.company.id})
        cls.ref_date = fields.Date.from_string(fields.Date.today())

    @classmethod
    def _install_chart(cls):
        """Odoo's generic chart of accounts in the company, so that its invoices
        post."""
        chart = cls.env.ref("l10n_generic_coa.configurable_chart_template")
        wizard = cls.env["wizard.multi.charts.accounts"].create({
            "company_id": cls.company.id, "chart_template_id": chart.id,
            "code_digits": chart.code_digits,
            "transfer_account_id": chart.transfer_account_id.id,
            "currency_id": cls.company.currency_id.id,
            "bank_account_code_prefix": chart.bank_account_code_prefix,
            "cash_account_code_prefix": chart.cash_account_code_prefix,
        })
        wizard.onchange_chart_template_id()
        wizard.company_id = cls.company
        wizard.execute()

    @classmethod
    def _category(cls, name):
        return cls.env["product.category"].create({"name": name})

    @classmethod
    def _product(cls, name, price=10.0, category=None):
        values = {"name": name, "type": "service", "list_price": price,
                  "standard_price": price / 2}
        if category:
            values["categ_id"] = category.id
        return cls.env["product.product"].with_context(
            force_company=cls.company.id).create(values)

    @classmethod
    def _customer(cls, name, **values):
        return cls.env["res.partner"].create(dict(
            {"name": name, "customer": True, "is_company": True}, **values))

    @classmethod
    def _order(cls, partner, days_ago, lines, state="sale"):
        """An order ``days_ago`` days before the reference date.

        ``lines``: (product, price[, cost]) with quantity 1; ``state`` "sale"
        confirms it, "invoiced" also invoices it on its day (posted: the company
        needs a chart, ``_install_chart``), "cancel" confirms then cancels it,
        "draft" leaves it.
        """
        day = cls.ref_date - timedelta(days=days_ago)
        order_lines = []
        for line in lines:
            values = {
                "product_id": line[0].id,
                "product_uom_qty": 1,
                "price_unit": line[1],
                "tax_id": [(6, 0, [])],
            }
            if len(line) > 2:
                values["purchase_price"] = line[2]
            order_lines.append((0, 0, values))
        order = cls.env["sale.order"].with_context(
            force_company=cls.company.id).create({
                "partner_id": partner.id,
                "company_id": cls.company.id,
                "pricelist_id": cls.pricelist.id,
                "date_order": "%s 10:00:00" % day,
                "order_line": order_lines,
            })
        if state in ("sale", "cancel", "invoiced"):
            order.action_confirm()
        if state == "invoiced":
            invoices = cls.env["account.invoice"].browse(order.with_context(
                company_id=cls.company.id, force_company=cls.company.id,
            ).action_invoice_create())
            invoices.write({"date_invoice": str(day)})
            invoices.action_invoice_open()
        if state == "cancel":
            order.action_cancel()
        return order
