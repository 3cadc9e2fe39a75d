# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's own models that expose customer data follow the suite's export policy
(``models/base.py``): orders, leads, invoices and their analyses."""
from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"
    _crm_customer_data = True


class SaleReport(models.Model):
    _inherit = "sale.report"
    _crm_customer_data = True


class ReportAllChannelsSales(models.Model):
    _inherit = "report.all.channels.sales"
    _crm_customer_data = True


class CrmLead(models.Model):
    _inherit = "crm.lead"
    _crm_customer_data = True


class CrmOpportunityReport(models.Model):
    _inherit = "crm.opportunity.report"
    _crm_customer_data = True


class CrmActivityReport(models.Model):
    _inherit = "crm.activity.report"
    _crm_customer_data = True


class AccountInvoice(models.Model):
    _inherit = "account.invoice"
    _crm_customer_data = True


class AccountInvoiceLine(models.Model):
    _inherit = "account.invoice.line"
    _crm_customer_data = True


class AccountInvoiceReport(models.Model):
    _inherit = "account.invoice.report"
    _crm_customer_data = True
