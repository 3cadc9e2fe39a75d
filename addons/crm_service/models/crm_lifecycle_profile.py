# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Complaints, SLA breaches and low satisfaction in the customer's risk score
(cancelled requests, spam or duplicates, are left out)."""
from datetime import timedelta

from odoo import api, models

# Weights next to crm_lifecycle's (overdue invoices 50, order gap 50); each value
# saturates at _SATURATION events within the last year.
COMPLAINT_WEIGHT = 20
BREACH_WEIGHT = 10
SATISFACTION_WEIGHT = 10
_SATURATION = 3.0

_SERVICE_FACTS_SQL = """
SELECT r.commercial_partner_id,
       count(*) FILTER (WHERE r.is_complaint),
       count(*) FILTER (WHERE r.sla_response_status = 'failed'
                           OR r.sla_resolve_status = 'failed'),
       count(*) FILTER (WHERE r.csat BETWEEN 1 AND 2 OR r.nps BETWEEN 0 AND 6
                          AND r.csat IS NULL)
  FROM crm_service_request r
 WHERE r.company_id = %(company)s
   AND r.commercial_partner_id = ANY(%(partners)s)
   AND r.date_open >= %(since)s AND r.date_open < %(until)s
   AND r.active AND NOT COALESCE(r.is_cancelled, false)
 GROUP BY r.commercial_partner_id
"""


class CrmLifecycleProfile(models.Model):
    _inherit = "crm.lifecycle.profile"

    @api.model
    def _risk_components(self, company, ref_date, rows):
        components = super()._risk_components(company, ref_date, rows)
        complaints, breaches, unhappy = {}, {}, {}
        if rows:
            self.env.cr.execute(_SERVICE_FACTS_SQL, {
                "company": company.id, "partners": list(rows),
                "since": ref_date - timedelta(days=365),
                "until": ref_date + timedelta(days=1),
            })
            for partner_id, n_complaints, n_breaches, n_unhappy in \
                    self.env.cr.fetchall():
                complaints[partner_id] = min(n_complaints / _SATURATION, 1.0)
                breaches[partner_id] = min(n_breaches / _SATURATION, 1.0)
                unhappy[partner_id] = min(n_unhappy / _SATURATION, 1.0)
        return components + [
            (COMPLAINT_WEIGHT, complaints),
            (BREACH_WEIGHT, breaches),
            (SATISFACTION_WEIGHT, unhappy),
        ]
